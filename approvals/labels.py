"""Names of the default flows and steps (data migrations) shown in the reader's language.

Flow and step names are data an administrator may edit. The defaults are stored in Chinese (migration 0006; in
English before it, as old approval history may still hold); a name still equal to a default is shown in the
reader's language, an edited one as typed.
"""

from django.utils.translation import gettext, gettext_noop

# (the default's msgid, its stored Chinese name)
DEFAULTS = [
    (gettext_noop("Access to a secret / confidential document (秘密、机密文件借阅)"), "秘密、机密文件借阅"),
    (gettext_noop("Access to a top-secret document (绝密文件借阅)"), "绝密文件借阅"),
    (gettext_noop("Annual training plan (年度培训计划)"), "年度培训计划"),
    (gettext_noop("Classified disclosure (对外提供)"), "对外提供"),
    (gettext_noop("Classified document access (涉密文件借阅)"), "涉密文件借阅"),
    (gettext_noop("Classified document copy (涉密文件复制)"), "涉密文件复制"),
    (gettext_noop("Department head acknowledges"), "部门主管确认"),
    (gettext_noop("Disclosing a classified matter to an outside party (对外提供)"), "涉密事项对外提供"),
    (gettext_noop("External training request (外出培训申请)"), "外出培训申请"),
    (gettext_noop("General manager (cost above threshold)"), "总经理（费用超过限额时）"),
    (gettext_noop("General manager (new post and its job description)"), "总经理（新增岗位及岗位职位说明书）"),
    (gettext_noop("General manager (over authorised headcount)"), "总经理（超编时）"),
    (gettext_noop("General manager (staff grade and above)"), "总经理（职员类及以上）"),
    (gettext_noop("General manager informed (manager-level)"), "知会总经理（经理级）"),
    (gettext_noop("HR manager (new post and its job description)"), "人事经理（新增岗位及岗位职位说明书）"),
    (gettext_noop("HR manager confirms the last day"), "人事经理确认最后工作日"),
    (gettext_noop("Head of the requesting department reviews"), "申请部门主管审核"),
    (gettext_noop("Headcount requisition (人员需求申请)"), "人员需求申请"),
    (gettext_noop("Headcount requisition, frontline (一线人员需求)"), "一线人员需求"),
    (gettext_noop("Headcount requisition, staff / manager-level (职员及经理级人员需求)"), "职员及经理级人员需求"),
    (gettext_noop("Hire approval (录用审批)"), "录用审批"),
    (gettext_noop("Hire approval, frontline (一线录用审批)"), "一线录用审批"),
    (gettext_noop("Hire approval, staff / manager-level (职员及经理级录用审批)"), "职员及经理级录用审批"),
    (gettext_noop("Manager of the owning department"), "主管部门经理"),
    (gettext_noop("New position / job description (岗位职位说明书)"), "新增岗位 / 岗位职位说明书"),
    (gettext_noop("Position and job description (岗位职位说明书)"), "岗位及岗位职位说明书"),
    (gettext_noop("Printing, copying or excerpting a classified document (复印、摘抄)"), "涉密文件打印、复印、摘抄"),
    (gettext_noop("Printing, copying or excerpting a top-secret document (绝密文件复制)"), "绝密文件打印、复印、摘抄"),
    (gettext_noop("Probation conversion (转正)"), "试用转正"),
    (gettext_noop("Probation conversion with salary adjustment (转正)"), "试用转正（含调薪）"),
    (gettext_noop("Resignation (辞职)"), "辞职"),
    (gettext_noop("Resignation notice (辞职通知)"), "辞职通知"),
    (gettext_noop("Vice president or general manager"), "副总经理或总经理"),
]
DEFAULT_NAMES = frozenset(english for english, _chinese in DEFAULTS)
ENGLISH_OF = {chinese: english for english, chinese in DEFAULTS}


def translated(name: str) -> str:
    """The name in the reader's language when it is one of the defaults, else as stored."""
    english = ENGLISH_OF.get(name, name)
    return gettext(english) if english in DEFAULT_NAMES else name
