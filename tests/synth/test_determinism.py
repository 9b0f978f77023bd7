import os
import subprocess
import sys
from pathlib import Path

from sendassure.synth import generate_area


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_same_seed_gives_byte_identical_files(tmp_path):
    a = generate_area("886", [2023, 2024], 0.02, 11, tmp_path / "a")
    b = generate_area("886", [2023, 2024], 0.02, 11, tmp_path / "b")
    assert [p.name for p in a] == ["sen2_886_2024.xml", "sen2_886_2025.xml"]
    assert [p.name for p in b] == [p.name for p in a]
    fa, fb = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert set(fa) == {
        "sen2_886_2024.xml",
        "sen2_886_2025.xml",
        "manifest.json",
        "establishments.csv",
    }
    assert fa == fb


def test_different_seed_differs(tmp_path):
    generate_area("886", [2024], 0.02, 11, tmp_path / "a")
    generate_area("886", [2024], 0.02, 12, tmp_path / "b")
    a = (tmp_path / "a" / "sen2_886_2025.xml").read_bytes()
    b = (tmp_path / "b" / "sen2_886_2025.xml").read_bytes()
    assert a != b


def test_output_does_not_depend_on_python_hash_seed(tmp_path):
    code = (
        "import sys; from pathlib import Path; from sendassure.synth import generate_area; "
        "generate_area('886', [2024], 0.02, 5, Path(sys.argv[1]))"
    )
    outputs = []
    for hash_seed in ("1", "987"):
        out = tmp_path / hash_seed
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
        outputs.append(_files(out))
    assert outputs[0] == outputs[1]
