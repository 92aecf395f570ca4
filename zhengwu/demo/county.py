"""The demo county, modelled on the seed report (靖江市, 泰州市, 江苏省).

Department names follow a county-level city's 政府工作部门 and the units that sit in its
政务服务中心. The 行政审批局 carries the real 组织机构代码 757952943 from the seed's 索引号
(757952943/2020-01170); every other code is generated deterministically with correct
GB 11714 / GB 32100 check characters, so they validate but belong to no real body.
"""

from __future__ import annotations

import hashlib

from zhengwu.core.validators import credit_code_check_char, org_code_check_char

REGION_CODE = "321282"
REGIONS = [
    ("320000", "江苏省", "province", None),
    ("321200", "泰州市", "city", "320000"),
    ("321282", "靖江市", "county", "321200"),
    ("321282001000", "靖城街道", "township", "321282"),
    ("321282002000", "新桥镇", "township", "321282"),
    ("321282003000", "斜桥镇", "township", "321282"),
    ("321282100000", "西来镇", "township", "321282"),
    ("321282101000", "季市镇", "township", "321282"),
    ("321282102000", "孤山镇", "township", "321282"),
    ("321282103000", "生祠镇", "township", "321282"),
]

APPROVAL_BUREAU = "靖江市行政审批局"
APPROVAL_BUREAU_ORG_CODE = "757952943"

# (name, short name, kind, registration-authority+type prefix, phone)
DEPARTMENTS: list[tuple[str, str, str, str]] = [
    ("靖江市人民政府办公室", "市政府办", "government", "11"),
    ("靖江市行政审批局", "行政审批局", "agency", "11"),
    ("靖江市发展和改革委员会", "发改委", "agency", "11"),
    ("靖江市教育局", "教育局", "agency", "11"),
    ("靖江市科学技术局", "科技局", "agency", "11"),
    ("靖江市工业和信息化局", "工信局", "agency", "11"),
    ("靖江市公安局", "公安局", "agency", "11"),
    ("靖江市民政局", "民政局", "agency", "11"),
    ("靖江市司法局", "司法局", "agency", "11"),
    ("靖江市财政局", "财政局", "agency", "11"),
    ("靖江市人力资源和社会保障局", "人社局", "agency", "11"),
    ("泰州市自然资源和规划局靖江分局", "自然资源和规划分局", "vertical", "11"),
    ("泰州市靖江生态环境局", "生态环境局", "vertical", "11"),
    ("靖江市住房和城乡建设局", "住建局", "agency", "11"),
    ("靖江市交通运输局", "交通运输局", "agency", "11"),
    ("靖江市水利局", "水利局", "agency", "11"),
    ("靖江市农业农村局", "农业农村局", "agency", "11"),
    ("靖江市商务局", "商务局", "agency", "11"),
    ("靖江市文化广电和旅游局", "文广旅局", "agency", "11"),
    ("靖江市卫生健康委员会", "卫健委", "agency", "11"),
    ("靖江市退役军人事务局", "退役军人事务局", "agency", "11"),
    ("靖江市应急管理局", "应急管理局", "agency", "11"),
    ("靖江市审计局", "审计局", "agency", "11"),
    ("靖江市市场监督管理局", "市场监管局", "agency", "11"),
    ("靖江市统计局", "统计局", "agency", "11"),
    ("靖江市医疗保障局", "医保局", "agency", "11"),
    ("靖江市城市管理局", "城管局", "agency", "11"),
    ("靖江市数据局", "数据局", "agency", "11"),
    ("靖江市信访局", "信访局", "agency", "11"),
    ("靖江市机关事务管理局", "机关事务局", "agency", "11"),
    ("靖江市民族宗教事务局", "民宗局", "agency", "11"),
    ("靖江市体育局", "体育局", "agency", "11"),
    ("靖江市人民防空办公室", "人防办", "agency", "11"),
    ("靖江市粮食和物资储备局", "粮储局", "agency", "11"),
    ("靖江市档案馆", "档案馆", "direct", "12"),
    ("靖江市不动产登记中心", "不动产登记中心", "direct", "12"),
    ("靖江市公共资源交易中心", "公共资源交易中心", "direct", "12"),
    ("靖江市社会保险基金管理中心", "社保中心", "direct", "12"),
    ("泰州市住房公积金管理中心靖江分中心", "公积金分中心", "vertical", "12"),
    ("国家税务总局靖江市税务局", "税务局", "vertical", "11"),
    ("靖江市气象局", "气象局", "vertical", "12"),
    ("靖江市消防救援大队", "消防救援大队", "vertical", "11"),
    ("靖江海事处", "海事处", "vertical", "11"),
    ("靖江市烟草专卖局", "烟草专卖局", "vertical", "11"),
    ("靖江市港口管理局", "港口管理局", "agency", "11"),
    ("靖江经济技术开发区管理委员会", "经开区管委会", "township", "11"),
    ("靖江市残疾人联合会", "残联", "direct", "51"),
    ("靖江市红十字会", "红十字会", "direct", "51"),
    ("靖江市邮政管理局", "邮政管理局", "vertical", "11"),
]

# (window number, name, department short name, location)
WINDOWS = [
    ("A01", "综合受理窗口", "行政审批局", "一楼A区"),
    ("A02", "综合受理窗口", "行政审批局", "一楼A区"),
    ("A03", "企业开办专区", "市场监管局", "一楼A区"),
    ("A04", "企业开办专区", "市场监管局", "一楼A区"),
    ("A05", "税务综合窗口", "税务局", "一楼A区"),
    ("A06", "投资项目审批窗口", "行政审批局", "一楼A区"),
    ("B01", "户政窗口", "公安局", "一楼B区"),
    ("B02", "出入境窗口", "公安局", "一楼B区"),
    ("B03", "车驾管窗口", "公安局", "一楼B区"),
    ("B04", "社会保障窗口", "人社局", "一楼B区"),
    ("B05", "医疗保障窗口", "医保局", "一楼B区"),
    ("C01", "不动产登记窗口", "不动产登记中心", "二楼C区"),
    ("C02", "不动产登记窗口", "不动产登记中心", "二楼C区"),
    ("C03", "住房公积金窗口", "公积金分中心", "二楼C区"),
    ("C04", "建设工程审批窗口", "住建局", "二楼C区"),
    ("C05", "交通运输窗口", "交通运输局", "二楼C区"),
    ("D01", "公共资源交易窗口", "公共资源交易中心", "三楼D区"),
    ("D02", "中介服务超市窗口", "行政审批局", "三楼D区"),
    ("D03", "政务公开查阅点", "行政审批局", "三楼D区"),
    ("D04", "好差评受理窗口", "行政审批局", "三楼D区"),
]

SECTIONS = {
    "行政审批局": ["办公室", "政务服务科", "投资项目审批科", "市场准入审批科", "社会事务审批科",
                   "信息中心"],
    "公安局": ["户政管理科", "出入境管理科", "交通警察大队车管所"],
    "市场监管局": ["登记注册科", "食品经营许可科"],
}  # fmt: skip

DEMO_PASSWORD = "Zhengwu@2026"  # noqa: S105 - published demo credential, demo data only

# (username, full name, role values, department short names, window numbers)
STAFF = [
    ("sysadmin", "周明", ["system_admin"], ["行政审批局"], []),
    ("leader", "陈建国", ["centre_leader"], ["行政审批局"], []),
    ("window01", "李芳", ["window_staff"], ["行政审批局"], ["A01"]),
    ("approver01", "王强", ["approver"], ["行政审批局"], []),
    ("deptadmin", "刘敏", ["department_admin"], ["行政审批局"], []),
    ("disclosure", "赵静", ["disclosure_officer"], ["行政审批局"], []),
    ("police_window", "孙伟", ["window_staff"], ["公安局"], ["B01"]),
    ("police_admin", "吴磊", ["department_admin", "approver"], ["公安局"], []),
    ("market_window", "郑丽", ["window_staff"], ["市场监管局"], ["A03"]),
]

# (name, id-number first 17 digits, phone)
CITIZENS = [
    ("张三", "32128219900101123", "13800000001"),
    ("李四", "32128219851215456", "13800000002"),
]

# (credit-code body of 17 characters, name, legal representative, agent name, agent id17, phone)
ENTERPRISES = [
    ("91321282MA1WKH3L7", "靖江示例科技有限公司", "王建华", "钱晓燕", "32128219920808234", "13900000001"),
]  # fmt: skip


def org_code_for(name: str) -> str:
    if name == APPROVAL_BUREAU:
        return APPROVAL_BUREAU_ORG_CODE
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    body = "".join(str(int(c, 16) % 10) for c in digest[:8])
    body = "7" + body[1:]  # keep them in one recognisable range
    return body + org_code_check_char(body)


def credit_code_for(prefix: str, org_code: str, region: str = REGION_CODE) -> str:
    body = prefix + region + org_code
    return body + credit_code_check_char(body)
