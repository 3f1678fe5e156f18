# ruff: noqa: RUF002  (official document numbers are written with tortoise-shell brackets)
"""Site identity (网站标识): what every page's footer must show on a government website.

《政府网站发展指引》(国办发〔2017〕47号) asks every page's footer for 主办单位 (and 承办单位),
网站标识码, ICP备案编号 linked to the MIIT registration site, 公安机关备案标识, 党政机关网站标识,
我为政府网站找错, 联系我们 and 网站地图. This module holds those values (plugin options
`identity:`), checks their formats, and says what is missing, in Chinese, naming mkdocs.yml
and the option's line. Pure: no MkDocs, no I/O besides reading mkdocs.yml for key lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from generator.errors import Problem, Severity
from generator.messages import msg

MIIT_URL = "https://beian.miit.gov.cn/"
MPS_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
JIUCUO_URL = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}&url={url}"
# The 党政机关网站标识 is issued by the organisation-registration office (机构编制部门) with a
# link to its record at conac.cn; the image is kept locally (no script from another host).
CONAC_HOSTS = ("conac.cn", "www.conac.cn", "bszs.conac.cn", "dcs.conac.cn")
# Badge images shipped in the theme (themes/portal/assets/images/); a portal may use its own.
DEFAULT_POLICE_BADGE = "assets/images/police-badge.svg"
DEFAULT_CONAC_IMAGE = "assets/images/conac-mark.svg"
SITEMAP_URL = "sitemap/"

_PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵黔云滇藏陕秦甘陇青宁新"
_PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"}
    | {"65", "71", "81", "82"}
)
# 网站标识码: a local government site's is its 6-digit administrative division code and a
# 4-digit number (3307230001); a State Council department's is bm and 8 digits (bm01000001).
SITE_CODE = re.compile(r"(?:\d{10}|bm\d{8})")
ICP = re.compile(rf"[{_PROVINCES}]ICP备\d{{8}}号(?:-\d{{1,3}})?")
POLICE = re.compile(rf"([{_PROVINCES}])公网安备\s?(\d{{14}})号")


@dataclass(frozen=True)
class SiteIdentity:
    """The footer's identity items, as configured (empty string: not configured)."""

    sponsor: str = ""  # 主办单位
    organizer: str = ""  # 承办单位 (optional)
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号, e.g. 浙ICP备12345678号-1
    police: str = ""  # 公安机关备案号, e.g. 浙公网安备 33072302000123号
    police_badge: str = DEFAULT_POLICE_BADGE  # site path of the badge image
    conac_url: str = ""  # 党政机关网站标识: the link the registration office issued
    conac_image: str = DEFAULT_CONAC_IMAGE  # site path of the mark's image
    error_report: str = ""  # 我为政府网站找错 (default: the national platform, by site_code)
    contact: str = ""  # 联系我们: a site path (contact/) or an address

    @property
    def police_code(self) -> str:
        match = POLICE.fullmatch(self.police)
        return match[2] if match else ""

    @property
    def police_url(self) -> str:
        code = self.police_code
        return MPS_URL.format(code=code) if code else ""

    def error_report_url(self, site_url: str) -> str:
        """The 我为政府网站找错 link: as configured, else the national platform's form."""
        if self.error_report:
            return self.error_report
        if not SITE_CODE.fullmatch(self.site_code):
            return ""
        return JIUCUO_URL.format(code=self.site_code, url=quote(site_url, safe=""))


# Each option: (key in mkdocs.yml, Chinese name, required).
OPTIONS = (
    ("sponsor", "主办单位", True),
    ("organizer", "承办单位", False),
    ("site_code", "网站标识码", True),
    ("icp", "ICP备案号", True),
    ("police", "公安机关备案号", True),
    ("police_badge", "公安机关备案图标", True),
    ("conac_url", "党政机关网站标识", True),
    ("conac_image", "党政机关网站标识图片", True),
    ("error_report", "我为政府网站找错", False),
    ("contact", "联系我们", True),
)
NAMES = {key: name for key, name, _ in OPTIONS}


def check_identity(
    identity: SiteIdentity,
    config_file: Path,
    config_rel: PurePosixPath,
    exists: frozenset[str],
) -> list[Problem]:
    """Missing or malformed identity items, as warnings (`--strict` makes them errors).

    `exists`: site paths of the files the site will have (content assets, theme assets and
    pages), to check that images and the contact page are there.
    """
    lines = option_lines(config_file, "identity")
    found: list[Problem] = []

    def warn(key: str, message: str) -> None:
        line = lines.get(key, lines.get("", 0))
        found.append(Problem(config_rel, line, f"identity.{key}", message, Severity.WARNING))

    for key, name, required in OPTIONS:
        if required and not getattr(identity, key):
            warn(key, msg("identity.missing", name=name))
    if identity.site_code and not SITE_CODE.fullmatch(identity.site_code):
        warn("site_code", msg("identity.site_code_format", value=identity.site_code))
    elif identity.site_code[:2].isdigit() and identity.site_code[:2] not in _PROVINCE_CODES:
        code = identity.site_code
        warn("site_code", msg("identity.site_code_province", value=code, province=code[:2]))
    if identity.icp and not ICP.fullmatch(identity.icp):
        warn("icp", msg("identity.icp_format", value=identity.icp))
    if identity.police and not POLICE.fullmatch(identity.police):
        warn("police", msg("identity.police_format", value=identity.police))
    if identity.conac_url:
        host = re.sub(r"^https?://([^/?#]+).*$", r"\1", identity.conac_url).lower()
        if not identity.conac_url.startswith(("https://", "http://")) or host not in CONAC_HOSTS:
            warn("conac_url", msg("identity.conac_url", value=identity.conac_url))
    for key in ("police_badge", "conac_image"):
        path = getattr(identity, key).lstrip("/")
        if path and "://" in path:
            warn(key, msg("identity.image_elsewhere", name=NAMES[key], path=path))
        elif path and path not in exists:
            warn(key, msg("identity.image_missing", name=NAMES[key], path=path))
    contact = identity.contact
    if contact and "://" not in contact and not contact.startswith(("mailto:", "tel:")):
        page = contact.strip("/") + "/"
        if page not in exists:
            warn("contact", msg("identity.contact_missing", page=page))
    if identity.error_report and not identity.error_report.startswith(("https://", "http://")):
        warn("error_report", msg("identity.error_report_url", value=identity.error_report))
    return found


def option_lines(config_file: Path, option: str) -> dict[str, int]:
    """1-based lines of the keys under the portal plugin's `option:` in mkdocs.yml ("" → the
    option's own line, else the plugin's)."""
    import yaml

    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    plugins = _child(node, "plugins")
    if not isinstance(plugins, yaml.SequenceNode):
        return {}
    for item in plugins.value:
        if isinstance(item, yaml.ScalarNode) and item.value == "portal":
            return {"": item.start_mark.line + 1}
        portal = _child(item, "portal")
        if portal is None:
            continue
        lines = {"": item.start_mark.line + 1}
        for key, value in getattr(portal, "value", []):
            if getattr(key, "value", None) != option:
                continue
            lines[""] = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                lines |= {str(k.value): k.start_mark.line + 1 for k, _ in value.value}
        return lines
    return {}


def _child(node: object, key: str) -> object | None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)


def footer_view(identity: SiteIdentity, site_url: str, site_name: str) -> dict[str, str]:
    """What the footer partial (themes/portal/partials/portal-identity.html) shows: text and
    addresses, unescaped (the partial escapes each)."""
    contact = identity.contact
    internal = (
        bool(contact) and "://" not in contact and not contact.startswith(("mailto:", "tel:"))
    )
    return {
        "sponsor": identity.sponsor or site_name,
        "organizer": identity.organizer,
        "site_code": identity.site_code,
        "icp": identity.icp,
        "icp_url": MIIT_URL if identity.icp else "",
        "police": identity.police,
        "police_url": identity.police_url,
        "police_badge": identity.police_badge.lstrip("/"),
        "conac_url": identity.conac_url,
        "conac_image": identity.conac_image.lstrip("/"),
        "error_report": identity.error_report_url(site_url),
        "contact": contact.strip("/") + "/" if internal else "",
        "contact_url": "" if internal else contact,
        "sitemap": SITEMAP_URL,
    }
