"""Hand-built documents for writer tests, independent of the readers.

``sample_document()`` holds one of every block type in English and Chinese, already
assembled (numbers, labels and footnote numbers set), as the assembly step leaves it.
"""

from __future__ import annotations

import datetime as dt

from att_docs.document.model import (
    Cell,
    Conference,
    DecisionGroup,
    DecisionItem,
    DecisionList,
    Document,
    Footnote,
    FootnoteRef,
    FrameBlock,
    Heading,
    Localized,
    Masthead,
    PageBreak,
    Paragraph,
    Part,
    Run,
    Subparagraph,
    Table,
    TableRow,
    Text,
    TextBlock,
)
from att_docs.document.symbols import parse_symbol


def loc(en: str, zh: str) -> Localized:
    return {"en": Text.of(en), "zh": Text.of(zh)}


def with_note(en: str, zh: str, note: str) -> Localized:
    return {
        "en": Text([TextBlock([Run(en), FootnoteRef(note)])]),
        "zh": Text([TextBlock([Run(zh), FootnoteRef(note)])]),
    }


def sample_document() -> Document:
    """A small assembled paper: masthead, headings, numbered paragraphs, subparagraphs,
    footnotes (one in a table cell), an annex with a table and a decision list."""
    conference = Conference(
        id="csp9",
        number=9,
        venue={"en": "Geneva", "zh": "日内瓦"},
        opening=dt.date(2023, 8, 21),
        closing=dt.date(2023, 8, 25),
        languages=["en", "zh"],
    )
    frame = [
        FrameBlock("frame-1", "symbol", loc("ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep",
                                            "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep")),
        FrameBlock("frame-2", "masthead", loc("21 July 2023", "2023年7月21日")),
        FrameBlock("frame-3", "masthead", loc("Submitted by: Co-chairs of the WGTU",
                                              "提交人：普遍加入条约工作组")),
        FrameBlock("frame-4", "masthead", loc("Original: English", "原文：英文")),
        FrameBlock("frame-5", "conference", loc("Arms Trade Treaty", "《武器贸易条约》")),
        FrameBlock("frame-6", "conference", loc("Ninth Conference of States Parties",
                                                "第九届缔约国会议")),
        FrameBlock("frame-7", "conference", loc("Geneva, 21–25 August 2023",
                                                "日内瓦，2023年8月21日至25日")),
        FrameBlock("frame-8", "title", loc("ATT WORKING GROUP ON TREATY UNIVERSALIZATION",
                                           "《武器贸易条约》普遍加入条约工作组")),
        FrameBlock("frame-9", "subtitle", loc("Co-chairs' Draft Report to CSP9",
                                              "提交第九届缔约国会议的联席主席报告草案")),
    ]
    main_blocks = [
        Heading("introduction", 1, loc("Introduction", "绪言")),
        Paragraph("purpose", loc("This draft report is submitted to CSP9.",
                                 "本份报告草案提交给第九届缔约国会议。"), number=1),
        Heading("background", 1, loc("Background", "背景")),
        Paragraph(
            "mandate",
            with_note("The WGTU was established by CSP3.",
                      "普遍加入条约工作组由第三届缔约国会议设立。", "workplan"),
            number=2,
            subparagraphs=[
                Subparagraph("mandate-a", loc("The Treaty entered into force.",
                                              "《条约》已生效。"), label="a", index=1),
                Subparagraph("mandate-b", loc("113 States Parties.",
                                              "缔约国总数达到113个。"), label="b", index=2),
            ],
        ),
    ]
    annex_frame = [
        PageBreak(),
        FrameBlock("frame-10", "annex-heading", loc("Annex A", "附件 A")),
        FrameBlock("frame-11", "title", loc("Draft proposal", "提案草案")),
    ]
    table = Table(
        "elements.medium-term",
        loc("Medium-term planning and coordination", "中期规划和协调"),
        rows=[
            TableRow("elements.medium-term.status", loc("Status", "状况"), [
                Cell("elements.medium-term.status.text",
                     with_note("Recent experience has shown delays.",
                               "近期经验表明需要更长的时间。", "vp")),
            ]),
            TableRow("elements.medium-term.resources", loc("Resources required", "所需资源"), [
                Cell("elements.medium-term.resources.text",
                     loc("No additional resources.", "不需要额外资源。")),
            ]),
        ],
    )
    decisions = DecisionList("csp9", [
        DecisionGroup("endorses", loc("CSP9 endorses the following proposals:",
                                      "第九届缔约国会议核可以下提案："), [
            DecisionItem("multi-year", loc("A multi-year approach.", "以多年期形式开展工作。")),
        ]),
    ])
    annex_blocks = [
        Paragraph("support", loc("Supporting universalization is a long-standing task.",
                                 "支持普遍加入条约一直是一项长期任务。"), number=1),
        table,
        Paragraph("decide", loc("The WGTU recommends the following decisions:",
                                "普遍加入条约工作组建议作出以下决定："), number=2),
        decisions,
    ]
    end = [FrameBlock("frame-12", "end-mark", loc("***", "***"))]
    footnotes = {
        "workplan": Footnote("workplan", loc("ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep",
                                             "ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep"), 1),
        "vp": Footnote("vp", loc("Vice-Presidents may act as first points of contact.",
                                 "副主席可作为初始联络点。"), 2),
    }
    main = Part("main", "chair-report", {"en": "ATT WGTU", "zh": "普遍加入条约工作组"},
                {}, main_blocks)
    annex = Part("annex-a", "draft-proposal", {"en": "Draft proposal", "zh": "提案草案"},
                 {}, annex_blocks, label="A")
    doc = Document(
        id="wgtu-report",
        type="chair-report",
        masthead=Masthead(
            symbol=parse_symbol("ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"),
            date=dt.date(2023, 7, 21),
            submitted_by={"en": "Co-chairs of the WGTU", "zh": "普遍加入条约工作组"},
            original_language="en",
        ),
        conference=conference,
        parts=[main, annex],
        footnotes=footnotes,
        languages=["en", "zh"],
    )
    doc.body = frame + main_blocks + annex_frame + annex_blocks + end
    return doc
