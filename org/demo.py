"""Demo organisation for `manage.py seed_demo`: the company, its department tree and its posts.

Rows are found by their natural keys (department and position codes), so a second run adds nothing.
Department heads and managers are employees; `employees.demo` fills them in.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Company, Department, JobDescription, Position, PositionCategory, SpecialPostBasis
from .services import department_create

FRONTLINE = PositionCategory.FRONTLINE
STAFF = PositionCategory.STAFF
MANAGER = PositionCategory.MANAGER

COMPANY = {
    "name": "XX汽车零部件有限公司",
    "short_name": "XX汽配",
    "address": "江苏省苏州市吴中经济技术开发区越溪街道友翔路88号",
    "form_prefix": "HR",
    "doc_version": "A/0",
    "issuing_department": "人事行政部",
    "forms_effective_date": datetime.date(2024, 1, 1),
}

# (code, name, parent code). Order is the display order.
DEPARTMENTS: tuple[tuple[str, str, str | None], ...] = (
    ("GMO", "总经办", None),
    ("HRA", "人事行政部", None),
    ("FIN", "财务部", None),
    ("PRD", "生产部", None),
    ("PRD-ST", "冲压课", "PRD"),
    ("PRD-WD", "焊装课", "PRD"),
    ("PRD-AS", "装配课", "PRD"),
    ("PRD-PT", "涂装课", "PRD"),
    ("PMC", "生产管理部", None),
    ("QA", "品质部", None),
    ("QA-IN", "检验课", "QA"),
    ("RD", "研发部", None),
    ("PUR", "采购部", None),
    ("SAL", "销售部", None),
    ("WH", "仓储物流部", None),
    ("EQ", "设备部", None),
)

QUALITY_POLICY_DUTY = "支持公司质量方针"


@dataclass(frozen=True)
class DemoPost:
    code: str
    department: str
    title: str
    category: str
    headcount: int
    duties: tuple[str, ...]
    education: str
    experience: str
    training: str
    skills: str
    is_key: bool = False
    is_quality_relevant: bool = False
    special: tuple[str, str] | None = None  # (basis, detail)


def _manager_posts(dept: str, name: str, area: str, *, key: bool = False) -> tuple[DemoPost, DemoPost]:
    """A department's 经理 (its manager) and 主管 (its head)."""
    return (
        DemoPost(
            f"{dept}-MGR",
            dept,
            f"{name}经理",
            MANAGER,
            1,
            (
                f"全面负责{area}工作，制定部门年度目标与预算并组织实施",
                "审批本部门人员增补、培训需求与绩效考核结果",
                "审批本部门机密/秘密文件的借阅与使用申请",
                "培养部门骨干，建设人才梯队",
            ),
            "本科及以上，相关专业",
            f"8年以上{area}工作经验，其中3年以上同等管理岗位经验",
            "IATF 16949 质量管理体系、管理技能提升培训、保密制度培训",
            "组织协调、目标管理、团队建设，熟练使用办公软件",
            is_key=key,
        ),
        DemoPost(
            f"{dept}-HEAD",
            dept,
            f"{name}主管",
            MANAGER,
            1,
            (
                f"负责{area}日常工作的安排、检查与改进",
                "提出本部门人员增补及培训需求，参与复试面试",
                "负责新员工试用期考核及部门员工KPI评分",
                "组织本部门安全生产与6S管理",
            ),
            "大专及以上",
            f"5年以上{area}工作经验，2年以上班组或主管管理经验",
            "IATF 16949 内审员、班组长管理技能、保密制度培训",
            "沟通协调、问题分析与解决（8D）、熟练使用办公软件",
            is_key=key,
        ),
    )


def _section_lead(dept: str, title: str, area: str, *, key: bool = False, quality: bool = False) -> DemoPost:
    return DemoPost(
        f"{dept}-LEAD",
        dept,
        title,
        MANAGER,
        1,
        (
            f"负责{area}的生产计划执行、人员调配与现场管理",
            "监督作业指导书执行，确保产品质量与交期",
            "组织本课新员工岗位培训与技能评价",
            "负责本课设备点检、安全与6S管理",
        ),
        "大专及以上，机械/材料相关专业",
        f"5年以上{area}现场经验，2年以上班组管理经验",
        "班组长管理技能、IATF 16949 五大工具、安全生产管理培训",
        "精益生产、现场问题分析解决、识图",
        is_key=key,
        is_quality_relevant=quality,
    )


# Posts exposed to occupational hazards (noise, welding fumes, benzene): the holder needs the pre-employment
# occupational health check (职业病防治法 art. 35).
OCCUPATIONAL_HAZARD_POSTS = {"PRD-ST-OP", "PRD-WD-WLD", "PRD-PT-OP"}

POSTS: tuple[DemoPost, ...] = (
    # 总经办
    DemoPost(
        "GMO-GM",
        "GMO",
        "总经理",
        MANAGER,
        1,
        (
            "制定公司发展战略与年度经营计划并组织实施",
            "审批人力资源发展计划、年度培训计划及经理级人员任用",
            "审批涉密事项对外提供及重大经营事项",
            "主持管理评审，确保质量、环境与职业健康安全管理体系有效运行",
        ),
        "本科及以上，工商管理或工科相关专业",
        "15年以上汽车零部件行业经验，5年以上企业高层管理经验",
        "IATF 16949 管理者培训、企业战略管理",
        "战略规划、经营决策、客户关系管理",
        is_key=True,
    ),
    DemoPost(
        "GMO-VP",
        "GMO",
        "副总经理",
        MANAGER,
        2,
        (
            "协助总经理分管生产运营或技术营销系统",
            "审批绝密文件的借阅与使用申请",
            "组织分管部门的年度目标分解与绩效考核",
            "代行总经理授权范围内的审批职责",
        ),
        "本科及以上，工科相关专业",
        "10年以上汽车零部件行业经验，3年以上部门经理及以上管理经验",
        "IATF 16949 管理者培训、精益生产管理",
        "运营管理、跨部门协调、成本控制",
        is_key=True,
    ),
    DemoPost(
        "GMO-DIR",
        "GMO",
        "总经办主任",
        MANAGER,
        1,
        (
            "负责总经办日常事务、公司会议组织与决议跟踪",
            "负责公司级文件的收发、督办与归档",
            "协调各部门间重要工作事项",
        ),
        "本科及以上",
        "5年以上综合管理或行政管理经验",
        "公文写作、保密制度培训",
        "组织协调、公文写作、熟练使用办公软件",
    ),
    DemoPost(
        "GMO-SEC",
        "GMO",
        "总经理秘书",
        STAFF,
        1,
        (
            "负责总经理日程安排、会议记录与文件整理",
            "负责来访客户接待与商务安排",
            "负责总经办文件的保密管理",
        ),
        "大专及以上，文秘或相关专业",
        "2年以上秘书或行政工作经验",
        "商务礼仪、保密制度培训",
        "文字表达、沟通协调、熟练使用办公软件",
    ),
    # 人事行政部
    *_manager_posts("HRA", "人事行政", "人力资源与行政管理"),
    DemoPost(
        "HRA-HRS",
        "HRA",
        "人事专员",
        STAFF,
        3,
        (
            "负责招聘需求汇总、招聘信息发布、简历筛选与面试安排",
            "办理员工入职、转正、调动与离职手续，维护员工档案",
            "组织新员工入职培训及年度培训计划的实施与记录",
            "办理社会保险、劳动合同签订与续签",
        ),
        "大专及以上，人力资源管理相关专业",
        "1年以上人事工作经验",
        "劳动合同法、人力资源管理程序、保密制度培训",
        "熟悉劳动法规，沟通表达，熟练使用办公软件",
    ),
    DemoPost(
        "HRA-ARC",
        "HRA",
        "档案管理员",
        STAFF,
        1,
        (
            "负责公司涉密文件的标识、登记、复制、分发、回收与销毁",
            "维护保密文件发放登记台账，定期清点核对",
            "负责员工人事档案的借阅登记与保管",
        ),
        "大专及以上",
        "1年以上档案或文控管理经验",
        "企业保密管理制度、档案管理实务",
        "细致严谨，熟练使用办公软件",
    ),
    DemoPost(
        "HRA-ADM",
        "HRA",
        "行政专员",
        STAFF,
        2,
        (
            "负责办公用品、劳保用品的采购申请与发放",
            "负责员工宿舍、食堂及班车的日常管理",
            "负责公司证照年检与行政费用统计",
        ),
        "大专及以上",
        "1年以上行政工作经验",
        "行政管理实务、消防安全培训",
        "沟通协调、熟练使用办公软件",
    ),
    DemoPost(
        "HRA-GRD",
        "HRA",
        "保安员",
        FRONTLINE,
        4,
        (
            "负责厂区门岗值守、人员车辆进出登记",
            "负责厂区巡逻及消防设施检查",
            "负责物资放行单核查",
        ),
        "初中及以上",
        "有保安工作经验者优先",
        "保安员上岗培训、消防安全培训",
        "责任心强，能适应倒班",
    ),
    # 财务部
    *_manager_posts("FIN", "财务", "财务管理"),
    DemoPost(
        "FIN-ACC",
        "FIN",
        "会计",
        STAFF,
        3,
        (
            "负责总账、成本核算与月度结账",
            "编制财务报表与税务申报",
            "参与存货盘点与成本分析",
        ),
        "本科及以上，会计或财务管理专业",
        "3年以上制造业会计工作经验",
        "企业会计准则、税务政策更新培训",
        "熟练使用财务软件及Excel，具备初级会计职称",
    ),
    DemoPost(
        "FIN-CSH",
        "FIN",
        "出纳",
        STAFF,
        1,
        (
            "负责现金及银行收付款业务",
            "登记现金、银行日记账并按日核对",
            "保管票据、印鉴及有价证券",
        ),
        "大专及以上，财会相关专业",
        "1年以上出纳工作经验",
        "财务制度、网上银行操作培训",
        "细致严谨，熟练使用办公软件",
    ),
    # 生产部
    *_manager_posts("PRD", "生产", "生产管理", key=True),
    DemoPost(
        "PRD-CLK",
        "PRD",
        "生产文员",
        STAFF,
        1,
        (
            "负责生产日报、产量及工时统计",
            "负责生产部文件的收发与归档",
            "协助部门考勤与劳保用品申领",
        ),
        "大专及以上",
        "1年以上文员工作经验",
        "文件控制程序培训",
        "熟练使用Excel",
    ),
    _section_lead("PRD-ST", "冲压课长", "冲压生产", quality=True),
    DemoPost(
        "PRD-ST-TL",
        "PRD-ST",
        "冲压班长",
        FRONTLINE,
        3,
        (
            "按生产计划安排本班人员与设备，组织首件确认",
            "监督本班员工遵守作业指导书与安全操作规程",
            "记录生产异常并及时上报",
        ),
        "高中/中专及以上",
        "3年以上冲压操作经验",
        "班组长管理技能、冲压安全操作规程",
        "熟悉冲压工艺与模具结构，能指导他人作业",
        is_quality_relevant=True,
    ),
    DemoPost(
        "PRD-ST-OP",
        "PRD-ST",
        "冲压操作工",
        FRONTLINE,
        36,
        (
            "按作业指导书操作冲床完成冲压件生产",
            "执行首件自检与过程自检，做好记录",
            "负责设备日常点检与工位6S",
        ),
        "初中及以上",
        "有冲压操作经验者优先",
        "新员工三级安全教育、冲压安全操作规程、岗位技能培训",
        "能识读作业指导书，手脚协调",
        is_quality_relevant=True,
    ),
    DemoPost(
        "PRD-ST-DIE",
        "PRD-ST",
        "模具维修工",
        FRONTLINE,
        3,
        (
            "负责冲压模具的日常保养、维修与更换",
            "记录模具履历与维修记录",
            "配合模具工程师完成模具调试",
        ),
        "高中/中专及以上，模具相关专业",
        "2年以上冲压模具维修经验",
        "模具维修安全操作规程、钳工技能培训",
        "能识图，熟练使用钳工工具",
        is_quality_relevant=True,
    ),
    _section_lead("PRD-WD", "焊装课长", "焊装生产", quality=True),
    DemoPost(
        "PRD-WD-WLD",
        "PRD-WD",
        "焊工",
        FRONTLINE,
        14,
        (
            "按焊接工艺卡完成二氧化碳保护焊、点焊作业",
            "执行焊缝外观自检与破坏性试验送检",
            "负责焊接设备日常点检与工位安全",
        ),
        "初中及以上",
        "2年以上焊接作业经验",
        "熔化焊接与热切割作业特种作业培训、焊接工艺培训",
        "持有效特种作业操作证，焊缝成型良好",
        is_key=True,
        is_quality_relevant=True,
        special=(
            SpecialPostBasis.REGULATION,
            "特种作业操作证（熔化焊接与热切割作业），《特种作业人员安全技术培训考核管理规定》",
        ),
    ),
    DemoPost(
        "PRD-WD-OP",
        "PRD-WD",
        "焊装操作工",
        FRONTLINE,
        16,
        (
            "按作业指导书完成上下料、机器人焊装线辅助作业",
            "执行过程自检与防错装置点检",
            "负责工位6S与安全",
        ),
        "初中及以上",
        "无经验可培训上岗",
        "新员工三级安全教育、岗位技能培训",
        "能识读作业指导书",
        is_quality_relevant=True,
    ),
    _section_lead("PRD-AS", "装配课长", "总成装配"),
    DemoPost(
        "PRD-AS-OP",
        "PRD-AS",
        "装配工",
        FRONTLINE,
        24,
        (
            "按作业指导书完成总成装配与扭矩紧固",
            "执行防错检查与自检，填写过程记录",
            "负责工位物料摆放与6S",
        ),
        "初中及以上",
        "有装配经验者优先",
        "新员工三级安全教育、装配工艺与防错培训",
        "手眼协调，能识读作业指导书",
        is_quality_relevant=True,
    ),
    _section_lead("PRD-PT", "涂装课长", "涂装生产"),
    DemoPost(
        "PRD-PT-OP",
        "PRD-PT",
        "喷涂工",
        FRONTLINE,
        10,
        (
            "按涂装工艺完成前处理、电泳及喷涂作业",
            "监测槽液参数并记录",
            "正确佩戴防护用品，遵守危化品管理规定",
        ),
        "初中及以上",
        "1年以上喷涂作业经验",
        "涂装工艺、危险化学品安全、职业健康防护培训",
        "能识别常见涂装缺陷",
        is_quality_relevant=True,
    ),
    # 生产管理部 (PMC/生管)
    *_manager_posts("PMC", "生产管理", "生产计划与物料控制"),
    DemoPost(
        "PMC-PLN",
        "PMC",
        "计划员",
        STAFF,
        3,
        (
            "根据客户订单及预测编制主生产计划与周/日排产计划",
            "跟踪计划达成并协调异常，审核一线人员增补需求",
            "统计交付绩效并编制报表",
        ),
        "大专及以上，工业工程或物流相关专业",
        "2年以上制造业生产计划经验",
        "ERP系统操作、生产计划与物料控制",
        "熟练使用ERP及Excel，逻辑分析能力强",
    ),
    DemoPost(
        "PMC-MC",
        "PMC",
        "物控员",
        STAFF,
        3,
        (
            "根据生产计划编制物料需求计划并跟踪到料",
            "监控库存水位，控制呆滞物料",
            "协调缺料异常",
        ),
        "大专及以上",
        "2年以上物料控制经验",
        "ERP系统操作、物料控制培训",
        "熟练使用ERP及Excel",
    ),
    # 品质部
    *_manager_posts("QA", "品质", "质量管理", key=True),
    DemoPost(
        "QA-QE",
        "QA",
        "质量工程师",
        STAFF,
        4,
        (
            "负责产品质量策划（APQP）、PPAP资料编制与提交",
            "负责客户投诉处理与8D报告，跟踪纠正预防措施",
            "编制控制计划与检验指导书",
        ),
        "本科及以上，机械或材料相关专业",
        "3年以上汽车零部件质量工作经验",
        "IATF 16949 五大工具、内审员培训",
        "熟练运用SPC、MSA、FMEA等质量工具",
        is_key=True,
        is_quality_relevant=True,
    ),
    DemoPost(
        "QA-SQE",
        "QA",
        "供应商质量工程师",
        STAFF,
        2,
        (
            "负责供应商质量审核与绩效评价",
            "处理来料质量异常并推动供应商改进",
            "参与新供应商开发与PPAP审批",
        ),
        "本科及以上，机械相关专业",
        "3年以上供应商质量管理经验",
        "VDA 6.3 过程审核、IATF 16949 五大工具",
        "审核与沟通能力强",
        is_quality_relevant=True,
    ),
    _section_lead("QA-IN", "检验课长", "来料、过程与出货检验", key=True, quality=True),
    DemoPost(
        "QA-IN-INS",
        "QA-IN",
        "检验员",
        FRONTLINE,
        12,
        (
            "按检验指导书完成来料、首件、巡检及出货检验",
            "正确使用量检具并记录检验结果",
            "标识与隔离不合格品，及时反馈质量异常",
        ),
        "高中/中专及以上",
        "1年以上质量检验经验",
        "检验员资格培训、量检具使用、识图培训",
        "能识读图纸，熟练使用卡尺、千分尺等量具",
        is_key=True,
        is_quality_relevant=True,
        special=(SpecialPostBasis.CUSTOMER, "主机厂客户要求：检验员须经资格认定持证上岗"),
    ),
    DemoPost(
        "QA-IN-MET",
        "QA-IN",
        "计量员",
        STAFF,
        2,
        (
            "负责量检具的周期校准计划与送检",
            "组织MSA测量系统分析",
            "维护量检具台账",
        ),
        "大专及以上",
        "2年以上计量工作经验",
        "计量基础知识、MSA培训",
        "熟悉常用量检具校准方法",
        is_quality_relevant=True,
    ),
    # 研发部
    *_manager_posts("RD", "研发", "产品与工艺开发", key=True),
    DemoPost(
        "RD-PE",
        "RD",
        "工艺工程师",
        STAFF,
        4,
        (
            "负责冲压、焊装、装配工艺设计与作业指导书编制",
            "负责过程FMEA与工艺验证",
            "识别特殊岗位要求并提出特殊岗位认定",
        ),
        "本科及以上，机械或材料成型专业",
        "3年以上汽车零部件工艺工作经验",
        "PFMEA、精益生产、焊接/冲压工艺培训",
        "熟练使用CAD/CATIA，熟悉工艺验证方法",
        is_key=True,
        is_quality_relevant=True,
    ),
    DemoPost(
        "RD-DE",
        "RD",
        "产品设计工程师",
        STAFF,
        4,
        (
            "根据客户要求完成产品结构设计与图纸发放",
            "负责设计FMEA与设计验证",
            "参与客户技术交流与同步开发",
        ),
        "本科及以上，机械设计相关专业",
        "3年以上汽车零部件产品设计经验",
        "DFMEA、GD&T、CATIA/UG 培训",
        "熟练使用CATIA或UG，掌握GD&T",
        is_key=True,
        is_quality_relevant=True,
    ),
    DemoPost(
        "RD-TE",
        "RD",
        "模具工程师",
        STAFF,
        3,
        (
            "负责冲压模具、焊装夹具的设计评审与验收",
            "跟踪模具调试与问题整改",
            "指导模具维修工开展维修保养",
        ),
        "大专及以上，模具相关专业",
        "3年以上冲压模具设计或调试经验",
        "模具设计、AutoForm 分析培训",
        "熟练使用UG/CAD",
    ),
    # 采购部
    *_manager_posts("PUR", "采购", "采购管理"),
    DemoPost(
        "PUR-BUY",
        "PUR",
        "采购员",
        STAFF,
        4,
        (
            "根据物料需求计划下达采购订单并跟踪交期",
            "开展询比价与供应商谈判",
            "协助供应商评价与对账",
        ),
        "大专及以上",
        "2年以上制造业采购经验",
        "采购管理、商务谈判、廉洁从业培训",
        "沟通谈判能力强，熟练使用ERP",
    ),
    # 销售部
    *_manager_posts("SAL", "销售", "市场与销售"),
    DemoPost(
        "SAL-REP",
        "SAL",
        "销售代表",
        STAFF,
        5,
        (
            "维护主机厂客户关系，跟踪订单与回款",
            "收集客户需求与市场信息，参与新项目报价",
            "协调客户投诉处理",
        ),
        "大专及以上，市场营销或机械相关专业",
        "2年以上汽车零部件销售经验",
        "客户特殊要求（CSR）、商务礼仪、保密制度培训",
        "沟通表达、商务谈判，能适应出差",
    ),
    DemoPost(
        "SAL-CS",
        "SAL",
        "客服专员",
        STAFF,
        3,
        (
            "接收客户订单与预测并录入系统",
            "跟踪发货与客户门户数据",
            "整理客户资料与合同台账",
        ),
        "大专及以上",
        "1年以上客服或销售助理经验",
        "客户门户系统操作培训",
        "细致耐心，熟练使用Excel",
    ),
    # 仓储物流部
    *_manager_posts("WH", "仓储物流", "仓储与物流管理"),
    DemoPost(
        "WH-KPR",
        "WH",
        "仓管员",
        FRONTLINE,
        8,
        (
            "负责物料收发存与账实核对",
            "执行先进先出与库位管理",
            "参与月度盘点",
        ),
        "高中/中专及以上",
        "1年以上仓库管理经验",
        "仓储管理、ERP出入库操作培训",
        "熟练使用ERP，能识别物料",
    ),
    DemoPost(
        "WH-FLT",
        "WH",
        "叉车司机",
        FRONTLINE,
        6,
        (
            "驾驶叉车完成物料装卸与转运",
            "做好叉车日常点检与保养记录",
            "遵守厂内交通安全规定",
        ),
        "初中及以上",
        "1年以上叉车驾驶经验",
        "场（厂）内专用机动车辆作业培训、厂内交通安全培训",
        "持有效特种设备作业人员证（N1 叉车）",
        special=(SpecialPostBasis.REGULATION, "特种设备作业人员证（N1 叉车司机），《特种设备安全法》"),
    ),
    DemoPost(
        "WH-LOG",
        "WH",
        "物流专员",
        STAFF,
        2,
        (
            "安排成品发运与承运商调度",
            "跟踪在途物流与客户签收",
            "统计物流费用",
        ),
        "大专及以上，物流相关专业",
        "1年以上物流工作经验",
        "物流管理、危险品运输常识",
        "沟通协调，熟练使用Excel",
    ),
    # 设备部
    *_manager_posts("EQ", "设备", "设备与动力管理"),
    DemoPost(
        "EQ-ENG",
        "EQ",
        "设备工程师",
        STAFF,
        3,
        (
            "编制设备预防性维护计划并组织实施",
            "负责新设备选型、安装与验收",
            "分析设备故障并推动改善（TPM）",
        ),
        "本科及以上，机电相关专业",
        "3年以上设备管理经验",
        "TPM、PLC编程、设备安全培训",
        "熟悉冲压、焊接机器人等设备原理",
    ),
    DemoPost(
        "EQ-MT",
        "EQ",
        "设备维修工",
        FRONTLINE,
        6,
        (
            "负责生产设备的故障维修与定期保养",
            "填写维修记录与备件领用记录",
            "配合设备点检与改造",
        ),
        "高中/中专及以上，机电相关专业",
        "2年以上设备维修经验",
        "设备维修安全操作规程、钳工技能培训",
        "熟练使用维修工具，能识读电气图",
    ),
    DemoPost(
        "EQ-ELC",
        "EQ",
        "电工",
        FRONTLINE,
        3,
        (
            "负责厂区供配电设施及设备电气的维护与检修",
            "执行电气安全检查并记录",
            "处理电气故障",
        ),
        "高中/中专及以上，电气相关专业",
        "2年以上电工作业经验",
        "低压电工作业特种作业培训、电气安全培训",
        "持有效特种作业操作证（低压电工作业）",
        special=(
            SpecialPostBasis.REGULATION,
            "特种作业操作证（低压电工作业），《特种作业人员安全技术培训考核管理规定》",
        ),
    ),
)

POSTS_BY_CODE = {post.code: post for post in POSTS}


def seed(*, stdout=None) -> None:
    _seed_company()
    departments = _seed_departments()
    _seed_positions(departments)
    if stdout is not None:
        stdout.write(f"  {len(DEPARTMENTS)} departments, {len(POSTS)} positions")


def _seed_company() -> None:
    if not Company.objects.exists():
        Company.objects.create(**COMPANY)


def _seed_departments() -> dict[str, Department]:
    existing = {dept.code: dept for dept in Department.objects.filter(code__in=[code for code, _, _ in DEPARTMENTS])}
    for order, (code, name, parent_code) in enumerate(DEPARTMENTS, start=1):
        if code not in existing:
            parent = existing[parent_code] if parent_code else None
            existing[code] = department_create(code=code, name=name, parent=parent, sort_order=order * 10)
    return existing


def _seed_positions(departments: dict[str, Department]) -> None:
    have = set(Position.objects.filter(code__in=POSTS_BY_CODE).values_list("code", flat=True))
    new_positions = []
    for post in POSTS:
        if post.code in have:
            continue
        basis, basis_note = post.special or ("", "")
        new_positions.append(
            Position(
                department=departments[post.department],
                code=post.code,
                title=post.title,
                category=post.category,
                is_special=post.special is not None,
                special_basis=basis,
                special_basis_note=basis_note,
                is_key=post.is_key,
                is_quality_relevant=post.is_quality_relevant,
                occupational_hazards=post.code in OCCUPATIONAL_HAZARD_POSTS,
                authorised_headcount=post.headcount,
            )
        )
    Position.objects.bulk_create(new_positions)

    author = get_user_model().objects.filter(username="hr_manager").first()
    now = timezone.now()
    described = set(
        JobDescription.objects.filter(position__code__in=POSTS_BY_CODE).values_list("position__code", flat=True)
    )
    job_descriptions = []
    for position in Position.objects.filter(code__in=POSTS_BY_CODE).exclude(code__in=described):
        post = POSTS_BY_CODE[position.code]
        job_descriptions.append(
            JobDescription(
                position=position,
                version=1,
                duties="\n".join((QUALITY_POLICY_DUTY, *post.duties)),
                education=post.education,
                experience=post.experience,
                required_training=post.training,
                skills=post.skills,
                status=JobDescription.Status.APPROVED,
                created_by=author,
                approved_at=now,
            )
        )
    JobDescription.objects.bulk_create(job_descriptions)
