#!/usr/bin/env python3
"""Generates definitions/<code>/v1.bpmn from the procedure specs below and the catalogue (catalog.json, a copy of
shared/domain/procedures_catalog.json). A development tool only: the generated .bpmn files are committed and the
server never runs this script.

    python3 definitions/tools/generate.py          # rewrites every definitions/<code>/v1.bpmn

Each spec is the modelling decision for one procedure (which unit and role does each step, which allotment, which
outcomes, where the supplement loop and the refusal go); the texts (name, legal basis, fee, documents, step names,
[S]/[M]/[I] tags) come from the catalogue. The diagram is laid out left to right on a grid: the main line in the
middle, refusals above their gateway, supplement waits below it, "send back" flows routed over the top.
"""
import json
import os
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CATALOG = {p["code"]: p for p in json.load(open(os.path.join(HERE, "catalog.json"), encoding="utf-8"))}

# ---------------------------------------------------------------------------------------------------------------
# Specs. A step: id, cat (catalogue step id or None), name (overrides the catalogue), unit, role, allot (ISO working
# duration or None), outcomes, supplement (loop back to this step through a wait), refuse (to a refused end),
# back (outcome 'return' sends the dossier back to that step), status, excluded, call (called process id).
# ---------------------------------------------------------------------------------------------------------------
RECV = "TTHCC"

HAND_OVER = dict(id="handOver", name="Trả kết quả cho người nộp (trực tiếp, bưu chính hoặc điện tử)",
                 unit=RECV, role="receiver", allot=None, outcomes=["returned"], status="resultIssued",
                 doc="Không tính vào thời hạn giải quyết (catalogue: counts_toward_deadline = false). "
                     "Hồ sơ ở trạng thái “đã có kết quả” (iso:status=resultIssued) cho đến khi trao.")

SPECS = [
    dict(code="HKD-DKTL", level="commune", deadline="P3D",
         agency="UBND cấp xã (Cơ quan đăng ký kinh doanh cấp xã)",
         notes=["Trước 01/7/2025 thủ tục này ở cấp huyện (Phòng Tài chính - Kế hoạch); từ 01/7/2025 chính quyền hai cấp, "
                "Cơ quan ĐKKD cấp xã cấp GCN (NĐ 168/2025) [S R38]."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="examine", cat="S2", unit="UBNDXA", role="specialist", allot="P1DT4H",
                  outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="review", cat="S3", unit="UBNDXA", role="head", allot="PT4H", outcomes=["approve", "return"],
                  back="examine"),
             dict(id="sign", cat="S4", unit="UBNDXA", role="leader", allot="PT4H", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(HAND_OVER, cat="S5"),
         ]),
    dict(code="XD-GPXD-NORL", level="commune", deadline="P15D",
         agency="UBND cấp xã (QĐ 864/QĐ-BXD năm 2025)",
         notes=["Luật Xây dựng Điều 102 ghi “15 ngày” (không ghi “làm việc”); quy trình này tính 15 ngày làm việc "
                "theo cách nhiều tỉnh công bố TTHC [I] — kiểm tra quyết định công bố của tỉnh trước khi áp dụng.",
                "Thông báo bổ sung MỘT lần trong 07 ngày làm việc đầu (thẩm định) [S R36]; bổ sung không đạt thì "
                "thông báo lý do không cấp — mô hình hóa bằng kết quả “refuse” ở bước dự thảo và bước ký.",
                "Trước 01/7/2025: UBND cấp huyện; nay UBND cấp xã [S R36]."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="assign", cat="S2", unit="UBNDXA", role="head", allot="PT4H", outcomes=["assign"]),
             dict(id="appraise", cat="S3", unit="UBNDXA", role="specialist", allot="P6D",
                  outcomes=["approve", "supplement"], supplement=True),
             dict(id="draft", cat="S4", unit="UBNDXA", role="specialist", allot="P4DT4H",
                  outcomes=["approve", "refuse"], refuse=True),
             dict(id="review", cat="S5", unit="UBNDXA", role="head", allot="P1D", outcomes=["approve", "return"],
                  back="draft"),
             dict(id="sign", cat="S6", unit="UBNDXA", role="leader", allot="P1DT4H", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="issue", cat="S7", unit="UBNDXA", role="clerk", allot="P1D", outcomes=["issued"]),
             dict(HAND_OVER, cat="S8"),
         ]),
    dict(code="HT-KS", level="commune", deadline="P0D", cutoff="15:00",
         agency="UBND cấp xã (công chức tư pháp - hộ tịch)",
         notes=["Giải quyết trong ngày; nhận sau 15:00 thì trả trong ngày làm việc tiếp theo (iso:cutoff) [S R32].",
                "Phân bổ giờ cho từng bước là suy luận [I] (tổng 8 giờ làm việc = một ngày làm việc)."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT1H", outcomes=["accept"]),
             dict(id="register", cat="S2", unit="UBNDXA", role="specialist", allot="PT4H",
                  outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="sign", cat="S3", unit="UBNDXA", role="leader", allot="PT2H", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="handOver", cat="S4", unit=RECV, role="receiver", allot="PT1H", outcomes=["returned"],
                  status="resultIssued"),
         ]),
    dict(code="HT-KH", level="commune", deadline="P0D", cutoff="15:00",
         agency="UBND cấp xã nơi cư trú của một trong hai bên",
         notes=["Giải quyết ngay trong ngày; nhận sau 15:00 thì phiếu hẹn ghi rõ giờ, ngày [S R33].",
                "Trường hợp cần xác minh điều kiện kết hôn (không quá 05 ngày làm việc) KHÔNG mô hình hóa trong "
                "phiên bản này: thời hạn của quy trình là một giá trị; trường hợp đó cần một phiên bản/thủ tục riêng [I].",
                "Phân bổ giờ cho từng bước là suy luận [I]."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT1H", outcomes=["accept"]),
             dict(id="examine", cat="S2", unit="UBNDXA", role="specialist", allot="PT4H",
                  outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="sign", cat="S3", unit="UBNDXA", role="leader", allot="PT2H", outcomes=["approve", "refuse"],
                  refuse=True, name="Hai bên ký Sổ hộ tịch, Chủ tịch UBND xã ký Giấy chứng nhận kết hôn"),
             dict(id="handOver", cat="S4", unit=RECV, role="receiver", allot="PT1H", outcomes=["returned"],
                  status="resultIssued"),
         ]),
    dict(code="LLTP-01", level="province", deadline="P10D",
         agency="Công an cấp tỉnh (từ 01/3/2025, chuyển từ Sở Tư pháp)",
         notes=["Luật ghi “10 ngày”; hỏi đáp của Bộ Tư pháp diễn giải 10 ngày làm việc — quy trình dùng 10 ngày làm việc [S R34].",
                "Trường hợp kéo dài 15 ngày và yêu cầu khẩn cấp 24 giờ không mô hình hóa trong phiên bản này [I].",
                "Luật sửa đổi có hiệu lực 01/7/2026: cần một phiên bản mới khi có văn bản hướng dẫn [S R34]."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="assign", cat="S2", unit="CA", role="head", allot="PT4H", outcomes=["assign"]),
             dict(id="verify", cat="S3", unit="CA", role="specialist", allot="P7D",
                  outcomes=["approve", "supplement"], supplement=True),
             dict(id="review", cat="S4", unit="CA", role="head", allot="PT4H", outcomes=["approve", "return"],
                  back="verify"),
             dict(id="sign", cat="S5", unit="CA", role="leader", allot="P1D", outcomes=["approve", "refuse"], refuse=True),
             dict(id="issue", cat="S6", unit="CA", role="clerk", allot="PT4H", outcomes=["issued"]),
             dict(HAND_OVER, cat="S7"),
         ]),
    dict(code="CT-BSBC", level="commune", deadline="P0D", cutoff="15:00",
         agency="UBND cấp xã (Trung tâm Phục vụ hành chính công cấp xã)",
         notes=["Trong ngày; nhận sau 15:00 thì trả ngày làm việc tiếp theo [S R44, R31]. Trường hợp kéo dài "
                "(không quá 02 ngày làm việc, nhiều bản, nội dung phức tạp) không mô hình hóa trong phiên bản này [I].",
                "Phân bổ 2h/3h/2h/1h theo mẫu QĐ 663 của Hà Nội, là suy luận [I]. Không có vòng bổ sung: bản chính "
                "được xuất trình tại chỗ; thiếu thì không tiếp nhận."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT2H", outcomes=["accept"]),
             dict(id="certify", cat="S2", unit="UBNDXA", role="specialist", allot="PT3H", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="sign", cat="S3", unit="UBNDXA", role="leader", allot="PT2H", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="handOver", cat="S4", unit=RECV, role="receiver", allot="PT1H", outcomes=["returned"],
                  status="resultIssued"),
         ]),
    dict(code="DN-TNHH2TV", level="province", deadline="P3D",
         agency="Cơ quan đăng ký kinh doanh cấp tỉnh (Phòng Đăng ký kinh doanh, Sở Tài chính) [M]",
         notes=["Hồ sơ chưa hợp lệ: thông báo sửa đổi, bổ sung bằng văn bản trong cùng thời hạn [S R39]; thời hạn "
                "tính lại khi nhận đủ."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="examine", cat="S2", unit="STC", role="specialist", allot="P1DT4H",
                  outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="approve", cat="S3", unit="STC", role="head", allot="PT4H", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="handOver", cat="S4", unit=RECV, role="receiver", allot="PT4H", outcomes=["returned"],
                  status="resultIssued"),
         ]),
    dict(code="CT-DKTT", level="commune", deadline="P7D",
         agency="Công an cấp xã (cơ quan đăng ký cư trú)",
         notes=["Phiếu hướng dẫn bổ sung CT05, Phiếu từ chối CT06 (TT 66/2023/TT-BCA) [S-weak]."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="verify", cat="S2", unit="CAXA", role="specialist", allot="P4DT4H",
                  outcomes=["approve", "supplement"], supplement=True),
             dict(id="approve", cat="S3", unit="CAXA", role="leader", allot="P1DT4H", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="update", cat="S4", unit="CAXA", role="clerk", allot="PT4H", outcomes=["done"],
                  status="resultIssued"),
         ]),
    dict(code="DD-DKBD-CN", level="commune", deadline="P8D",
         agency="Văn phòng đăng ký đất đai / Chi nhánh VPĐKĐĐ; tiếp nhận tại TTPVHCC",
         notes=["Hai lần hẹn [S R13]: hẹn lần 1 sau 5 ngày làm việc (tiếp nhận 0,5 + kiểm tra 4,5), khi gửi Phiếu chuyển "
                "thông tin NVTC đến cơ quan thuế; thời gian cơ quan thuế xác định và người sử dụng đất nộp NVTC KHÔNG "
                "tính vào thời hạn (bước iso:clock=excluded, trạng thái awaitingFinancialObligation); hẹn lần 2 cộng "
                "3 ngày làm việc còn lại (chỉnh lý, cấp GCN).",
                "Thời hạn dừng khi chờ thuế và tiếp tục với thời gian còn lại (hẹn lần 2 = hẹn lần 1 + thời gian làm việc "
                "đã chờ thuế) — chính sách của bộ máy, tương đương quy định khi các bước trước dùng đủ thời gian."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="examine", cat="S2", unit="VPDK", role="specialist", allot="P4DT4H",
                  outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="tax", cat="S3", unit="THUE", role="specialist", allot=None, outcomes=["paid"], excluded=True,
                  name="Cơ quan thuế xác định, thông báo NVTC; người sử dụng đất nộp; chuyển thông tin hoàn thành NVTC"),
             dict(id="update", cat="S4", unit="VPDK", role="specialist", allot="P3D", outcomes=["done"]),
             dict(HAND_OVER, cat="S5"),
         ]),
    dict(code="DD-DKLD-HGD", level="commune", deadline="P20D",
         agency="UBND cấp xã (Chủ tịch UBND xã cấp GCN); Chi nhánh VPĐKĐĐ cập nhật hồ sơ địa chính",
         notes=["Hai lần hẹn [S R13]: hẹn lần 1 sau 15 ngày làm việc (gửi Phiếu chuyển thông tin NVTC, Mẫu 19); thời gian "
                "thực hiện NVTC không tính; hẹn lần 2 cộng 5 ngày làm việc còn lại.",
                "Niêm yết công khai 15 ngày diễn ra trong bước thẩm tra (13,5 ngày làm việc) theo QĐ 138/2025 Đồng Tháp "
                "[S R13]; các tỉnh khác có thể tách niêm yết thành bước không tính thời hạn [I]."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="verify", cat="S2", unit="UBNDXA", role="specialist", allot="P13DT4H",
                  name="Thẩm tra: trích lục, xác nhận hiện trạng, nguồn gốc, quy hoạch, niêm yết công khai",
                  outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="sendToTax", cat="S3", unit="UBNDXA", role="specialist", allot="P1D", outcomes=["sent"]),
             dict(id="tax", cat="S4", unit="THUE", role="specialist", allot=None, outcomes=["paid"], excluded=True),
             dict(id="review", cat="S5", unit="UBNDXA", role="head", allot="P2D", outcomes=["approve", "return"],
                  back="verify"),
             dict(id="sign", cat="S6", unit="UBNDXA", role="leader", allot="P1D", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="dispatch", cat="S7", unit="UBNDXA", role="clerk", allot="P1D", outcomes=["sent"]),
             dict(id="cadastre", cat="S8", unit="VPDK", role="specialist", allot="P1D", outcomes=["done"]),
             dict(HAND_OVER, cat="S9"),
         ]),
    # The inter-agency group: the legs first (each its own process, deadline and agency), then the caller.
    dict(code="LT-HKD", catalog="LT-HKD-ANTT-KARAOKE", level="commune", deadline="P3D",
         name="Liên thông (chặng 1): Cấp Giấy chứng nhận đăng ký hộ kinh doanh",
         agency="Cơ quan đăng ký kinh doanh cấp xã",
         notes=["Chặng 1 của nhóm thủ tục liên thông LT-HKD-ANTT-KARAOKE, gọi bằng call activity; 03 ngày làm việc "
                "[S R14]. Phân bổ trong chặng là suy luận [I]."],
         steps=[
             dict(id="examine", cat=None, name="Thẩm định hồ sơ đăng ký hộ kinh doanh", unit="UBNDXA",
                  role="specialist", allot="P2D", outcomes=["approve", "supplement", "refuse"], supplement=True,
                  refuse=True),
             dict(id="review", cat=None, name="Xem xét, trình ký", unit="UBNDXA", role="head", allot="PT4H",
                  outcomes=["approve", "return"], back="examine"),
             dict(id="sign", cat=None, name="Ký Giấy chứng nhận đăng ký hộ kinh doanh", unit="UBNDXA", role="leader",
                  allot="PT4H", outcomes=["approve", "refuse"], refuse=True),
         ]),
    dict(code="LT-ANTT", catalog="LT-HKD-ANTT-KARAOKE", level="province", deadline="P3D",
         name="Liên thông (chặng 2): Cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự",
         agency="Cơ quan Công an",
         notes=["Chặng 2 của nhóm thủ tục liên thông LT-HKD-ANTT-KARAOKE; 03 ngày làm việc [S R14]. Phân bổ trong "
                "chặng là suy luận [I]."],
         steps=[
             dict(id="examine", cat=None, name="Thẩm định điều kiện an ninh, trật tự", unit="CA", role="specialist",
                  allot="P2D", outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="review", cat=None, name="Xem xét, trình ký", unit="CA", role="head", allot="PT4H",
                  outcomes=["approve", "return"], back="examine"),
             dict(id="sign", cat=None, name="Ký Giấy chứng nhận đủ điều kiện về ANTT", unit="CA", role="leader",
                  allot="PT4H", outcomes=["approve", "refuse"], refuse=True),
         ]),
    dict(code="LT-KARAOKE", catalog="LT-HKD-ANTT-KARAOKE", level="province", deadline="P10D",
         name="Liên thông (chặng 3): Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
         agency="UBND cấp tỉnh (Sở Văn hóa, Thể thao và Du lịch tham mưu)",
         notes=["Chặng 3 của nhóm thủ tục liên thông LT-HKD-ANTT-KARAOKE; 10 ngày làm việc = thẩm định 3 + kiểm tra "
                "thực tế 4 + cấp/không cấp 3 [S R14]."],
         steps=[
             dict(id="appraise", cat="S3", unit="SVHTT", role="specialist", allot="P3D",
                  outcomes=["approve", "supplement"], supplement=True),
             dict(id="inspect", cat="S4", unit="SVHTT", role="specialist", allot="P4D", outcomes=["done"]),
             dict(id="decide", cat="S5", unit="SVHTT", role="leader", allot="P3D", outcomes=["approve", "refuse"],
                  refuse=True),
         ]),
    dict(code="LT-HKD-ANTT-KARAOKE", level="interAgency", deadline="P16D",
         agency="DVCQG → Cơ quan ĐKKD cấp xã → Cơ quan Công an → UBND cấp tỉnh",
         notes=["16 ngày làm việc = 3 (GCN ĐKHKD) + 3 (GCN ANTT) + 10 (Giấy phép karaoke) [S R14]; mỗi chặng là một "
                "quy trình riêng (LT-HKD, LT-ANTT, LT-KARAOKE) với thời hạn riêng, gọi tuần tự bằng call activity; "
                "chặng nào từ chối thì cả nhóm kết thúc “từ chối”.",
                "Tiếp nhận điện tử (báo cán bộ trong 02 giờ, tiếp nhận hoặc yêu cầu bổ sung một lần trong 08 giờ làm việc) "
                "diễn ra trước khi bắt đầu tính 16 ngày [S R14]. Ở đây bước tiếp nhận (08 giờ làm việc) được tính "
                "trong 16 ngày — cách đọc chặt hơn, hạn trên phiếu hẹn không muộn hơn quy định [I]; tiếp nhận xong trong "
                "ngày nhận thì hai cách tính trùng nhau.",
                "Không bổ sung trong 15 ngày làm việc thì đóng hồ sơ [S R14] — chưa mô hình hóa bằng timer trong phiên bản này [I]."],
         steps=[
             dict(id="intake", cat="S0", unit=RECV, role="receiver", allot="PT8H",
                  outcomes=["accept", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="legHkd", call="LT-HKD", name="Chặng 1: Cấp GCN đăng ký hộ kinh doanh (Cơ quan ĐKKD cấp xã, 03 ngày làm việc)",
                  refuse=True),
             dict(id="legAntt", call="LT-ANTT", name="Chặng 2: Cấp GCN đủ điều kiện ANTT (Công an, 03 ngày làm việc)",
                  refuse=True),
             dict(id="legKaraoke", call="LT-KARAOKE",
                  name="Chặng 3: Cấp Giấy phép kinh doanh karaoke (UBND tỉnh, 10 ngày làm việc)", refuse=True),
             dict(HAND_OVER, cat="S6"),
         ]),
    dict(code="BTXH-CNCS-NKT", level="province", deadline="P10D",
         agency="Sở Y tế (Phòng Bảo trợ xã hội và Trẻ em) — mẫu tỉnh Cao Bằng",
         notes=["Phân bổ thời gian các bước lấy nguyên văn Quy trình số 01, QĐ 2022/QĐ-UBND tỉnh Cao Bằng [S R12]; hồ sơ "
                "giấy nhận sau 15:00 chuyển đầu giờ ngày làm việc tiếp theo [S R12]."],
         steps=[
             dict(id="reception", cat="S1", unit=RECV, role="receiver", allot="PT4H", outcomes=["accept"]),
             dict(id="assign", cat="S2", unit="SYT", role="head", allot="PT4H", outcomes=["assign"]),
             dict(id="examine", cat="S3", unit="SYT", role="specialist", allot="P7D",
                  outcomes=["approve", "supplement", "refuse"], supplement=True, refuse=True),
             dict(id="review", cat="S4", unit="SYT", role="head", allot="PT4H", outcomes=["approve", "return"],
                  back="examine"),
             dict(id="approve", cat="S5", unit="SYT", role="leader", allot="P1D", outcomes=["approve", "refuse"],
                  refuse=True),
             dict(id="issue", cat="S6", unit="SYT", role="clerk", allot="PT4H", outcomes=["issued"]),
             dict(HAND_OVER, cat="S7"),
         ]),
]

LEVEL_VI = {"commune": "cấp xã", "province": "cấp tỉnh", "interAgency": "liên thông (xã + công an + tỉnh)"}
OUTCOME_VI = {"supplement": "Yêu cầu bổ sung", "refuse": "Từ chối", "return": "Trả lại bước trước"}

# Layout grid
CY = 260            # centre line of the main row
TASK_W, TASK_H = 150, 90
GW = 50
EV = 36
GAP = 55


def short(text, n=120):
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def build(spec):
    cat = CATALOG[spec.get("catalog", spec["code"])]
    pid = spec["code"]
    cat_steps = {s["id"]: s for s in cat["steps"]}
    name = spec.get("name") or cat["name_vi"]

    shapes = []      # (id, kind, x, y, w, h, label_bounds or None)
    flows = []       # (id, src, tgt, cond or None, name or None, waypoints)
    nodes = []       # xml strings
    default_of = {}

    def add_flow(src, tgt, wps, cond=None, fname=None):
        fid = f"f_{src}_{tgt}"
        flows.append((fid, src, tgt, cond, fname, wps))
        return fid

    x = 100
    shapes.append(("start", "event", x, CY - EV / 2, EV, EV, None))
    nodes.append('<startEvent id="start" name="Nhận hồ sơ" />')
    prev, prev_right = "start", (x + EV, CY)
    x += EV + GAP
    needs_message = False
    refused_ends = []
    step_pos = {}

    for i, st in enumerate(spec["steps"]):
        cs = cat_steps.get(st.get("cat")) if st.get("cat") else None
        sname = st.get("name") or (cs["name_vi"] if cs else st["id"])
        sid = st["id"]
        # the diagram shows the short name (up to the first ';'); the full catalogue text is in the documentation
        sname = short(sname.split(";")[0].strip(), 90)
        # the step itself
        shapes.append((sid, "task", x, CY - TASK_H / 2, TASK_W, TASK_H, None))
        step_pos[sid] = (x, x + TASK_W / 2)
        add_flow(prev, sid, [prev_right, (x, CY)])
        docs = []
        if cs:
            en = cs.get("name_en")
            docs.append(f"{cs['name_vi']} — {en}.")
            a = cs.get("allotment") or {}
            if a.get("amount") is not None:
                unit = {"working_day": "ngày làm việc", "working_hour": "giờ làm việc"}.get(a.get("unit"), a.get("unit"))
                docs.append(f"Catalogue: {a['amount']} {unit}; vai trò {cs['role']}; phân bổ: {cs['split_provenance']}"
                            + (" [I]" if cs["split_provenance"].startswith("inferred") else " [S]") + ".")
            if cs.get("note"):
                docs.append(cs["note"])
        if st.get("doc"):
            docs.append(st["doc"])
        doc_xml = f"<documentation>{escape(' '.join(docs))}</documentation>" if docs else ""
        if "call" in st:
            nodes.append(f'<callActivity id="{sid}" name={quoteattr(sname)} calledElement="{st["call"]}">{doc_xml}</callActivity>')
        else:
            attrs = [f'iso:unit="{st["unit"]}"', f'iso:role="{st["role"]}"']
            if st.get("allot"):
                attrs.append(f'iso:allotment="{st["allot"]}"')
            if st.get("outcomes"):
                attrs.append(f'iso:outcomes="{",".join(st["outcomes"])}"')
            if st.get("excluded"):
                attrs.append('iso:clock="excluded"')
            if st.get("status"):
                attrs.append(f'iso:status="{st["status"]}"')
            nodes.append(f'<userTask id="{sid}" name={quoteattr(sname)} {" ".join(attrs)}>{doc_xml}</userTask>')
        prev, prev_right = sid, (x + TASK_W, CY)
        x += TASK_W + GAP

        branches = [k for k in ("supplement", "refuse") if st.get(k)] + (["return"] if st.get("back") else [])
        if not branches:
            continue
        gid = f"gw_{sid}"
        shapes.append((gid, "gateway", x, CY - GW / 2, GW, GW, (x - 62, CY - GW / 2 - 18, 60, 14)))
        nodes.append(f'<exclusiveGateway id="{gid}" name="Kết quả?" default="f_{gid}_NEXT" />')
        add_flow(sid, gid, [(prev_right[0], CY), (x, CY)])
        gx = x + GW / 2
        top_used = False
        if st.get("refuse"):
            eid = f"refused_{sid}"
            shapes.append((eid, "event", gx - EV / 2, CY - 150 - EV / 2, EV, EV, (gx - 40, CY - 150 - EV / 2 - 20, 80, 14)))
            nodes.append(f'<endEvent id="{eid}" name="Từ chối (văn bản nêu rõ lý do)" iso:status="refused" />')
            add_flow(gid, eid, [(gx, CY - GW / 2), (gx, CY - 150 + EV / 2)], "outcome == 'refuse'", OUTCOME_VI["refuse"])
            top_used = True
        if st.get("supplement"):
            needs_message = True
            wid = f"waitSupplement_{sid}"
            wy = CY + 140
            shapes.append((wid, "event", gx - EV / 2, wy - EV / 2, EV, EV, (gx + 22, wy - 7, 110, 14)))
            nodes.append(f'<intermediateCatchEvent id="{wid}" name="Chờ người nộp bổ sung" iso:waitsFor="supplement">'
                         '<messageEventDefinition messageRef="msgSupplement" /></intermediateCatchEvent>')
            add_flow(gid, wid, [(gx, CY + GW / 2), (gx, wy - EV / 2)], "outcome == 'supplement'", OUTCOME_VI["supplement"])
            sx = step_pos[sid][1] - 20
            add_flow(wid, sid, [(gx - EV / 2, wy), (sx, wy), (sx, CY + TASK_H / 2)], None, "Đã bổ sung đủ")
        if st.get("back"):
            tx = step_pos[st["back"]][1] + 20
            if not top_used:
                wps = [(gx, CY - GW / 2), (gx, CY - 110), (tx, CY - 110), (tx, CY - TASK_H / 2)]
            else:
                wps = [(gx, CY + GW / 2), (gx, CY + 210), (tx, CY + 210), (tx, CY + TASK_H / 2)]
            add_flow(gid, st["back"], wps, "outcome == 'return'", OUTCOME_VI["return"])
        prev, prev_right = gid, (x + GW, CY)
        default_of[gid] = True
        x += GW + GAP

    shapes.append(("end", "event", x, CY - EV / 2, EV, EV, (x - 20, CY + EV / 2 + 4, 80, 14)))
    nodes.append('<endEvent id="end" name="Hoàn thành" />')
    add_flow(prev, "end", [prev_right, (x, CY)])

    # rename the default flows (gateway → next element) to the id the gateway names
    fixed = []
    for fid, src, tgt, cond, fname, wps in flows:
        if src in default_of and cond is None:
            fid = f"f_{src}_NEXT"
            fname = "Đồng ý"
        fixed.append((fid, src, tgt, cond, fname, wps))
    flows = fixed

    # ---- process attributes and documentation
    legal = "; ".join(x_.split(" [")[0] for x_ in cat["legal_basis"])
    docs_list = ";".join(d.replace(";", ",") for d in cat["documents"])
    doc_lines = [
        f"{name} ({cat['name_en'] if 'catalog' not in spec else 'leg of ' + cat['name_en']}).",
        f"Mã: {spec['code']}" + (f" (mã TTHC quốc gia {cat['tthc_code']})" if cat.get("tthc_code") and 'catalog' not in spec else "")
        + f"; cấp: {LEVEL_VI[spec['level']]}; cơ quan: {spec['agency']}.",
        "Căn cứ pháp lý: " + "; ".join(cat["legal_basis"]) + ".",
        f"Thời hạn: {spec['deadline']}" + (f", giờ chốt {spec['cutoff']}" if spec.get("cutoff") else "")
        + f" — catalogue: {json.dumps(cat['deadline'], ensure_ascii=False)}.",
        "Lệ phí: " + cat["fee"]["text"],
        "Thành phần hồ sơ: " + "; ".join(cat["documents"]) + ".",
        "Nguồn gốc dữ liệu (provenance): " + ", ".join(f"{k}: {v}" for k, v in cat["provenance"].items())
        + ". [S] đọc từ nguồn, [M] theo trí nhớ về văn bản — cần đối chiếu, [I] suy luận thiết kế.",
    ] + spec.get("notes", []) + [
        "Bổ sung hồ sơ: thời hạn giải quyết tính lại từ đầu khi nhận đủ (NĐ 297/2025 Điều 6 khoản 4) — iso:supplementClock=restart.",
    ]
    pattrs = {
        "id": pid, "name": name, "isExecutable": "true",
        "iso:procedureCode": cat.get("tthc_code") or spec["code"] if "catalog" not in spec else spec["code"],
        "iso:deadline": spec["deadline"],
        "iso:supplementClock": "restart",
        "iso:level": spec["level"],
        "iso:legalBasis": legal,
        "iso:agency": spec["agency"],
        "iso:fee": cat["fee"]["text"],
        "iso:documents": docs_list,
    }
    if spec.get("cutoff"):
        pattrs["iso:cutoff"] = spec["cutoff"]
    pattr_xml = "\n           ".join(f"{k}={quoteattr(str(v))}" for k, v in pattrs.items())

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- Generated by definitions/tools/generate.py from the spec there and catalog.json; edit either and re-run. -->',
           '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"',
           '             xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
           '             xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
           '             xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
           '             xmlns:iso="urn:isodientu:bpmn:1"',
           f'             id="defs_{pid}" targetNamespace="urn:isodientu:procedures" exporter="IsoDienTu definitions/tools/generate.py" exporterVersion="1">']
    if needs_message:
        out.append('  <message id="msgSupplement" name="supplement" />')
    out.append(f'  <process {pattr_xml}>')
    out.append(f'    <documentation>{escape(chr(10).join(doc_lines))}</documentation>')
    for n in nodes:
        out.append("    " + n)
    for fid, src, tgt, cond, fname, wps in flows:
        nm = f" name={quoteattr(fname)}" if fname else ""
        if cond:
            out.append(f'    <sequenceFlow id="{fid}" sourceRef="{src}" targetRef="{tgt}"{nm}>'
                       f'<conditionExpression>{escape(cond)}</conditionExpression></sequenceFlow>')
        else:
            out.append(f'    <sequenceFlow id="{fid}" sourceRef="{src}" targetRef="{tgt}"{nm} />')
    out.append('  </process>')
    out.append(f'  <bpmndi:BPMNDiagram id="diagram_{pid}">')
    out.append(f'    <bpmndi:BPMNPlane id="plane_{pid}" bpmnElement="{pid}">')

    def n(v):
        return f"{v:g}"
    for sid, kind, sx, sy, w, h, label in shapes:
        extra = ' isMarkerVisible="true"' if kind == "gateway" else ""
        out.append(f'      <bpmndi:BPMNShape id="{sid}_di" bpmnElement="{sid}"{extra}>')
        out.append(f'        <dc:Bounds x="{n(sx)}" y="{n(sy)}" width="{n(w)}" height="{n(h)}" />')
        if label:
            lx, ly, lw, lh = label
            out.append(f'        <bpmndi:BPMNLabel><dc:Bounds x="{n(lx)}" y="{n(ly)}" width="{n(lw)}" height="{n(lh)}" /></bpmndi:BPMNLabel>')
        out.append('      </bpmndi:BPMNShape>')
    for fid, src, tgt, cond, fname, wps in flows:
        out.append(f'      <bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">')
        for wx, wy in wps:
            out.append(f'        <di:waypoint x="{n(wx)}" y="{n(wy)}" />')
        if fname:
            (ax, ay), (bx, by) = wps[0], wps[1]
            out.append(f'        <bpmndi:BPMNLabel><dc:Bounds x="{n((ax + bx) / 2 + 6)}" y="{n((ay + by) / 2 - 7)}" width="90" height="14" /></bpmndi:BPMNLabel>')
        out.append('      </bpmndi:BPMNEdge>')
    out.append('    </bpmndi:BPMNPlane>')
    out.append('  </bpmndi:BPMNDiagram>')
    out.append('</definitions>')
    return "\n".join(out) + "\n"


def main():
    for spec in SPECS:
        folder = os.path.join(ROOT, spec["code"])
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "v1.bpmn"), "w", encoding="utf-8") as f:
            f.write(build(spec))
        print(f"{spec['code']}/v1.bpmn")


if __name__ == "__main__":
    main()
