"""Names of the default flows and steps (data migrations) shown in the reader's language.

Flow and step names are data an administrator may edit: a name still equal to its default is translated when
shown, an edited one is shown as typed.
"""

from django.utils.translation import gettext, gettext_noop

DEFAULT_NAMES = frozenset(
    {
        gettext_noop("Headcount requisition, frontline (一线人员需求)"),
        gettext_noop("Headcount requisition (人员需求申请)"),
        gettext_noop("General manager (over authorised headcount)"),
        gettext_noop("Headcount requisition, staff / manager-level (职员及经理级人员需求)"),
        gettext_noop("Head of the requesting department reviews"),
        gettext_noop("Hire approval, frontline (一线录用审批)"),
        gettext_noop("Hire approval (录用审批)"),
        gettext_noop("Hire approval, staff / manager-level (职员及经理级录用审批)"),
        gettext_noop("New position / job description (岗位职位说明书)"),
        gettext_noop("Position and job description (岗位职位说明书)"),
        gettext_noop("Probation conversion with salary adjustment (转正)"),
        gettext_noop("Probation conversion (转正)"),
        gettext_noop("General manager (staff grade and above)"),
        gettext_noop("Annual training plan (年度培训计划)"),
        gettext_noop("External training request (外出培训申请)"),
        gettext_noop("General manager (cost above threshold)"),
        gettext_noop("Resignation notice (辞职通知)"),
        gettext_noop("Resignation (辞职)"),
        gettext_noop("Department head acknowledges"),
        gettext_noop("HR manager confirms the last day"),
        gettext_noop("General manager informed (manager-level)"),
        gettext_noop("Access to a secret / confidential document (秘密、机密文件借阅)"),
        gettext_noop("Classified document access (涉密文件借阅)"),
        gettext_noop("Manager of the owning department"),
        gettext_noop("Access to a top-secret document (绝密文件借阅)"),
        gettext_noop("Vice president or general manager"),
        gettext_noop("Printing, copying or excerpting a classified document (复印、摘抄)"),
        gettext_noop("Classified document copy (涉密文件复制)"),
        gettext_noop("Printing, copying or excerpting a top-secret document (绝密文件复制)"),
        gettext_noop("Disclosing a classified matter to an outside party (对外提供)"),
        gettext_noop("Classified disclosure (对外提供)"),
        gettext_noop("HR manager (new post and its job description)"),
        gettext_noop("General manager (new post and its job description)"),
    }
)


def translated(name: str) -> str:
    """The name in the reader's language when it is one of the defaults, else as stored."""
    return gettext(name) if name in DEFAULT_NAMES else name
