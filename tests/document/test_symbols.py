import pytest

from att_docs.document.symbols import SymbolError, parse_symbol

VALID = [
    "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep",
    "ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2",
    "ATT/CSP10/2024/PRES/782/WG.WP.IAC",
    "ATT/CSP10.WGTU/2024/CHAIR/776/DrAgenda",
    "ATT/CSP10.WGTR/2024/CHAIR/779/IntroPaper",
    "ATT/VTF/2020/CHAIR/614/Conf.Rep",
    "ATT/CSP8.WGTU/2022/CHAIR/735/Conf.Rep",
]


@pytest.mark.parametrize("text", VALID)
def test_valid_symbols_round_trip(text):
    assert str(parse_symbol(text)) == text


def test_parts_and_revision():
    sym = parse_symbol("ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2")
    assert (sym.meeting, sym.body, sym.year, sym.submitter, sym.serial) == (
        "CSP9", None, 2023, "SEC", 773)
    assert sym.type == "Conf.FinRep"
    assert sym.revision == 2
    assert sym.base == "ATT/CSP9/2023/SEC/773/Conf.FinRep"
    body = parse_symbol("ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep")
    assert body.body == "WGTU" and body.revision is None
    assert body.file_stem == "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep"


@pytest.mark.parametrize("text", [
    "ATT/CSP9.WGTU/23/CHAIR/763/Conf.Rep",      # two-digit year
    "ATT/CSP9.WGTU/2023/chair/763/Conf.Rep",    # lower-case submitter
    "ATT/CSP9.WGTU/2023/CHAIR/Conf.Rep",        # no serial
    "CSP9.WGTU/2023/CHAIR/763/Conf.Rep",        # no ATT/
    "ATT/CSP9.WGTU/2023/CHAIR/763/",            # no type
    "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep.Rev0",
    "ATT/CSP9..WGTU/2023/CHAIR/763/Conf.Rep",
])
def test_malformed_symbols_are_rejected(text):
    with pytest.raises(SymbolError, match="expected ATT/<meeting>"):
        parse_symbol(text)
