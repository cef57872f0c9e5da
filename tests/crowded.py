"""Crowded ladders of several shapes, generated for the picture tests (the SVG map measured in
Chromium, the terminal map at every width): 50 roles on 9 tracks, spread out, stacked on a few
skill points, with long titles."""

from __future__ import annotations

from typing import Any

TRACKS = [
    "backend",
    "frontend",
    "data",
    "platform",
    "security",
    "mobile",
    "management",
    "product",
    "design",
]
RANKS = ["Associate", "", "Senior", "Staff", "Principal", "Distinguished"]
NOUNS = {
    "management": "Engineering Manager",
    "product": "Product Manager",
    "design": "Product Designer",
}


def generated_ladder(count: int = 50) -> dict[str, Any]:
    """A valid ladder of ``count`` roles on 9 tracks: skills rise with rank and spread across
    tracks, levels are single or ranges, every track has upward moves and neighbouring tracks
    lateral ones (two-way at one rank)."""
    per_track = {track: count // len(TRACKS) for track in TRACKS}
    for track in TRACKS[: count % len(TRACKS)]:
        per_track[track] += 1
    roles: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []

    def move(a: str, b: str, kind: str, years: list[float]) -> None:
        moves.append({"from": a, "to": b, "kind": kind, "years": years, "source": "generated"})

    for k, track in enumerate(TRACKS):
        noun = NOUNS.get(track, f"{track.title()} Engineer")
        for rank in range(per_track[track]):
            low = 3 + rank
            roles.append(
                {
                    "id": f"{track}-{rank}",
                    "title": f"{RANKS[rank]} {noun}".strip(),
                    "track": track,
                    "levels": [low, low + 1] if (rank + k) % 3 == 0 else low,
                    "skills": {
                        "hard": round(1 + 1.5 * rank + (k % 3) * 0.4, 1),
                        "soft": round(0.3 + 0.81 * k + 0.5 * rank, 1),
                    },
                    "source": "generated",
                }
            )
            if rank:
                move(f"{track}-{rank - 1}", f"{track}-{rank}", "upward", [1, 3])
        if k:
            for rank in (1, 2, 3):
                move(f"{TRACKS[k - 1]}-{rank}", f"{track}-{rank}", "lateral", [0.5, 2])
            move(f"{track}-2", f"{TRACKS[k - 1]}-2", "lateral", [0.5, 2])
    return {"meta": {"name": f"A generated {count}-role ladder"}, "roles": roles, "moves": moves}


def stacked_ladder(count: int = 50, long_titles: bool = False) -> dict[str, Any]:
    """The generated ladder squeezed onto twelve skill points (four or five roles at each, of
    different tracks), optionally with every fifth title 50 characters longer (62 and more)."""
    ladder = generated_ladder(count)
    for i, role in enumerate(ladder["roles"]):
        role["skills"] = {"hard": 2.0 + i % 4, "soft": 3.0 + i % 3}
        if long_titles and i % 5 == 0:
            role["title"] += " for Distributed Payments Infrastructure Reliability"
    return ladder


def clustered_ladder(count: int = 50) -> dict[str, Any]:
    """The generated ladder gathered into four tight clusters on one band of hard skills (a
    tenth apart within a cluster), every seventh title a long one: so tight that some numbers
    find room only far from their markers."""
    ladder = generated_ladder(count)
    for i, role in enumerate(ladder["roles"]):
        role["skills"] = {
            "hard": round(2 + (i % 3) * 0.1, 1),
            "soft": (2.0, 3.0, 5.0, 7.0)[i * 3 // 4 % 4],
        }
        if i % 7 == 0:
            role["title"] += " Machine Learning Platform"
    return ladder
