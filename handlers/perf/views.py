"""The text of `/perf help`."""

from __future__ import annotations

from models.i18n import Translator


def perf_help(t: Translator) -> str:
    return "\n".join(
        [
            t("*perfbot commands*"),
            t("`/praise @someone what they did #value`: praise people; `/praise` alone opens a form"),
            t("`/praise help`: how to write praise"),
            t("`/goal`: set a goal; `/goal list`, `/goal team`, `/goal tree`: see goals; `/goal help`: more"),
            t("`/checkin`: report progress on a goal (value, on track / at risk / off track, blockers)"),
            t("`/review`: review cycles (your self-assessment, peer nominations); `/review help`: more"),
            t("`/appeal`: appeal a released rating; `/appeal status`: where your appeals stand"),
            t("`/perf help`: this list"),
            t("`/perf settings`: your preferences; HR admins also change the workspace settings there"),
            t("`/perf admin grant @someone`: make someone an HR admin (HR admins and Slack admins only)"),
            t("`/perf cycle new`, `/perf cycle launch ID`, `/perf cycle status ID`: run review cycles (HR)"),
            t("`/perf calibration [ID]`: final ratings per department and manager, with means (HR)"),
            t("`/perf calibration change @someone RATING reason`: change a final rating, with why (HR)"),
            t("`/perf cycle release ID [department]`: release the results, after a confirmation (HR)"),
            t("`/perf outcome @someone [cycle ID]`: record bonus tier, promotion, training, transfer (HR)"),
            t("`/perf appeals [ID]`: open appeals and figures; `/perf appeals settings`: deadlines (HR)"),
            t("Shortcuts: *Give praise* (from the + menu) and *Praise this message* (on any message)."),
            t("The *Home* tab shows the praise you received and gave."),
            t("The *Home* tab also shows your goals and, for managers, the team's goals needing attention."),
        ]
    )
