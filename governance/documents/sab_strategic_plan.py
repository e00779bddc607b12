"""The SAB strategic plan (Care Act 2014 Sch 2 para 3), drafted from its text and the registry: the
strategy, what each member agency is to do, and how Local Healthwatch and the community took part."""

from governance.documents.blocks import written
from governance.documents.model import Block, Heading, Paragraph, Table
from governance.partnership.model import PartnershipOnRecord
from governance.reports.content import SabStrategicPlanContent
from governance.reports.model import ReportOnRecord

NOT_YET_RECEIVED = "Not yet received"


def sab_strategic_plan_blocks(report: ReportOnRecord, p: PartnershipOnRecord) -> list[Block]:
    content = report.typed()
    assert isinstance(content, SabStrategicPlanContent)
    board = p.board(report.board_key)
    actions = content.member_actions
    return [
        Heading(level=1, text="About this plan"),
        Paragraph(
            text=f"The strategic plan of {board.name} for {report.period}, as the Care Act 2014 "
            "Schedule 2 paragraph 3 requires: how the Board will meet its objective and what each member will do."
        ),
        Heading(level=1, text="Our strategy"),
        written(content.strategy),
        Heading(level=1, text="What each member will do"),
        Table(
            caption="What each member of the Board is to do to implement the strategy, by member agency",
            header=("Member agency", "What it will do"),
            rows=tuple(
                (a.name, actions.get(a.key, "").strip() or NOT_YET_RECEIVED)
                for a in p.member_agencies(report.board_key)
            ),
        ),
        Heading(level=1, text="How Local Healthwatch was consulted"),
        written(content.healthwatch_consultation),
        Heading(level=1, text="How the community was involved"),
        written(content.community_involvement),
    ]
