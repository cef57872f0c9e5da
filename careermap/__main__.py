"""``python -m careermap``: the console script."""

from careermap.cli import console_main

if __name__ == "__main__":
    console_main()
