/**
 * The command line's help: what each command and option is for, in Vietnamese
 * (`npm run cli -- <command> --help`). Keyed by command path, then option.
 */
export const cliHelp = {
  program:
    "Dòng lệnh quản trị chibo: đảng bộ, chi bộ, danh sách đảng viên, mã mời, sinh hoạt, đảng phí, kiểm điểm, báo cáo",
  org: {
    description: "đảng bộ",
    create: {
      description: "tạo đảng bộ",
    },
    list: {
      description: "danh sách đảng bộ",
    },
  },
  branch: {
    description: "chi bộ",
    create: {
      name: 'tên chi bộ, ví dụ "Chi bộ Tổ dân phố 5"',
      code: "mã ngắn, không trùng, ví dụ tdp5",
      org: "tên đảng bộ",
      description: "tạo chi bộ",
      kind: "loại chi bộ",
    },
    schedule: {
      off: "bỏ lịch định kỳ",
      place: "nơi họp thường lệ",
      time: "giờ họp",
      rule: '"ngày 3", "thứ ba đầu tiên", "thứ sáu cuối cùng" hoặc RRULE như FREQ=MONTHLY;BYMONTHDAY=3',
      description: 'đặt lịch sinh hoạt định kỳ, ví dụ --rule "ngày 3" --time 19:30 --place "Nhà văn hoá"; --off để bỏ',
    },
    list: {
      description: "danh sách chi bộ",
    },
    fees: {
      collectionDay: "ngày thu đảng phí trong tháng (1–28)",
      region: "vùng lương tối thiểu 1–4",
      description: "đặt vùng lương tối thiểu và ngày thu đảng phí của chi bộ",
    },
  },
  roster: {
    description: "danh sách đảng viên",
    import: {
      dryRun: "chỉ kiểm tra và liệt kê thay đổi, không ghi gì",
      branch: "mã chi bộ",
      description:
        "nhập danh sách từ .csv hoặc .xlsx (cột: Họ và tên, Điện thoại, Chức vụ, Tình trạng, Nhóm đảng phí, Miễn sinh hoạt, Từ ngày, Đến ngày); ô trống giữ nguyên dữ liệu đã có",
    },
  },
  members: {
    branch: "mã chi bộ",
    description: "danh sách đảng viên của chi bộ và tình trạng liên kết",
  },
  member: {
    description: "một đảng viên",
    role: {
      replace: "thay bí thư hiện tại (đồng chí đó trở thành đảng viên)",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      role: "chức vụ mới",
    },
    unlink: {
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "huỷ liên kết tài khoản chat của một đảng viên",
    },
    erase: {
      yes: "xác nhận: không khôi phục được",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "xoá dữ liệu cá nhân của đảng viên đã rời chi bộ; chỉ còn số liệu tổng hợp không tên",
    },
    data: {
      out: "tệp .json để trao cho đảng viên",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description:
        "mọi dữ liệu bot lưu về một đảng viên (JSON), ví dụ khi đảng viên yêu cầu: in ra, hoặc ghi vào tệp với --out",
    },
    reviewInfo: {
      suspended: "đang bị đình chỉ sinh hoạt",
      admitted: "ngày vào Đảng",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "thông tin kiểm điểm của một đảng viên: mẫu (2A/2B/2C), ngày vào Đảng, đình chỉ sinh hoạt",
      form: "mẫu bản kiểm điểm",
    },
  },
  invite: {
    member: "số hiệu, số điện thoại hoặc họ tên (ghi nhiều lần được)",
    branch: "mã chi bộ",
    description:
      "cấp mã mời dùng một lần (mọi đảng viên chưa liên kết, hoặc --member) và in đường dẫn; mã cấp trước vẫn dùng được đến hạn",
  },
  report: {
    id: "số thông báo, cho báo cáo thông báo",
    year: "năm, cho báo cáo điểm danh (mặc định: năm nay)",
    out: "tệp ra, .xlsx hoặc .csv",
    branch: "mã chi bộ",
    description: "ghi báo cáo: members | attendance | announcement | audit (.xlsx, hoặc .csv: mỗi bảng một tệp)",
  },
  db: {
    description: "cơ sở dữ liệu",
    backup: {
      description: "sao lưu cơ sở dữ liệu đang chạy ra một tệp (bản sao nhất quán; kèm tệp khoá .secret)",
    },
    restore: {
      description: "khôi phục cơ sở dữ liệu từ tệp sao lưu (dừng bot trước; thay toàn bộ dữ liệu hiện có)",
      yes: "xác nhận: dữ liệu hiện có bị thay",
    },
    migrate: {
      description: "cập nhật cấu trúc cơ sở dữ liệu (bot tự làm khi khởi động; chạy được khi bot đang chạy)",
    },
    copy: {
      description:
        "chép toàn bộ dữ liệu sang một cơ sở dữ liệu trống (vd. từ SQLite sang PostgreSQL), rồi so số dòng từng bảng",
      from: "địa chỉ nguồn (mặc định: DATABASE_URL)",
      to: "địa chỉ đích: postgresql://… hoặc file:…",
    },
  },
  fee: {
    description: "đảng phí",
    rates: {
      description: "xem biểu mức đóng và lương tối thiểu vùng",
    },
    rate: {
      from: "tháng bắt đầu, ví dụ 01/2028",
      flat: "số tiền cố định, ví dụ 5.000",
      percent: "tỷ lệ phần trăm, ví dụ 0,5",
      description: "đặt mức đóng của một nhóm từ một tháng (thêm dòng mới; các tháng trước giữ mức cũ)",
      group: "nhóm đảng viên",
      of: "base (tiền lương) | min-wage (lương tối thiểu vùng), cho --percent",
    },
    wage: {
      from: "tháng bắt đầu, ví dụ 01/2026",
      amount: "lương tối thiểu tháng, ví dụ 5.310.000",
      region: "vùng 1–4",
      description: "đặt lương tối thiểu của một vùng từ một tháng",
    },
    member: {
      from: "tháng đầu tiên đóng đảng phí ở chi bộ, ví dụ 02/2026",
      base: "tiền lương đóng BHXH hoặc lương hưu, ví dụ 8.500.000",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "đặt nhóm đảng phí, mức căn cứ (tiền lương hoặc lương hưu) và tháng bắt đầu đóng của một đảng viên",
      group: "nhóm đảng phí",
    },
    adjust: {
      reason: "quyết định, ví dụ 'QĐ số 12 ngày 01/03/2026'",
      to: "tháng cuối, ví dụ 08/2026",
      from: "tháng đầu, ví dụ 03/2026",
      exempt: "miễn đóng",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "miễn đóng, hoặc giảm 30/50/70% đảng phí (mỗi quyết định giảm tối đa 12 tháng)",
      reduce: "mức giảm",
    },
    pay: {
      ref: "số phiếu thu hoặc mã tham chiếu (mặc định: tạo từ các tham số)",
      amount: "số tiền đã nhận, ví dụ 170.000; phải bằng số phải đóng của các tháng",
      months: "ví dụ 10/2026,11/2026",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "ghi khoản đảng phí đồng chí thu đã nhận (một hoặc nhiều tháng); chạy lại không ghi thêm",
    },
    reverse: {
      reason: "lý do",
      entry: "số bút toán (xem: fee ledger)",
      description: "sửa một bút toán đã xác nhận bằng bút toán đảo (không sửa, không xoá gì)",
    },
    ledger: {
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "các bút toán đảng phí của một đảng viên",
    },
    status: {
      month: "tháng, ví dụ 11/2026 (mặc định: tháng này)",
      branch: "mã chi bộ",
      description: "tình hình thu một tháng: ai đã đóng, ai còn nợ, tổng số",
    },
    arrears: {
      year: "năm (mặc định: năm nay)",
      branch: "mã chi bộ",
      description:
        "đảng viên chưa đóng đảng phí (2 tháng: cảnh báo, 3 tháng: ngưỡng Điều 8) hoặc vắng không lý do từ 3 lần trong năm",
    },
    export: {
      month: "tháng của bảng thu, ví dụ 11/2026 (mặc định: tháng này)",
      year: "năm (mặc định: năm của --month)",
      out: "tệp ra, .xlsx hoặc .csv",
      branch: "mã chi bộ",
      description: "ghi sổ thu đảng phí cả năm và bảng thu của tháng (.xlsx), hoặc sổ thu (.csv)",
    },
  },
  review: {
    description: "kiểm điểm, xếp loại đảng viên hằng năm",
    open: {
      quota: "số xuất sắc tối đa so với số hoàn thành tốt (0,2; hoặc 0,25 với đơn vị tiêu biểu)",
      tasks:
        'điểm thành phần của 70 điểm, ví dụ "Thực hiện nhiệm vụ được giao=50; Thực hiện cam kết tu dưỡng, rèn luyện=20"',
      general:
        'điểm thành phần của 30 điểm, ví dụ "Chính trị tư tưởng=10; Đạo đức, lối sống=10; Ý thức tổ chức kỷ luật, đoàn kết=10"',
      deadline: 'ví dụ "05/12/2026 17:00" (trước 31/12)',
      year: "năm",
      org: "tên đảng bộ: mọi chi bộ",
      branch: "mã chi bộ",
      description:
        "mở đợt kiểm điểm của một chi bộ, hoặc mọi chi bộ của đảng bộ; điểm mặc định 10+10+10 (30) và 50+20 (70)",
    },
    lock: {
      year: "năm",
      branch: "mã chi bộ",
      description: "khoá đợt kiểm điểm của chi bộ: không sửa được nữa",
    },
    export: {
      out: "tệp ra .xlsx hoặc .csv",
      year: "năm",
      branch: "mã chi bộ",
      description:
        "ghi kết quả kiểm điểm của chi bộ: mỗi đảng viên một dòng, mỗi câu hỏi và điểm một cột (.xlsx hoặc .csv)",
    },
    form: {
      out: "tệp ra .docx",
      year: "năm",
      member: "số hiệu, số điện thoại hoặc họ tên",
      branch: "mã chi bộ",
      description: "ghi bản kiểm điểm của một đảng viên thành tệp Word (.docx) theo mẫu, để in và ký",
    },
    organisation: {
      year: "năm",
      org: "tên đảng bộ",
      description:
        "số liệu của đảng bộ: mức xếp loại chi bộ đã quyết định theo từng chi bộ và tổng, tỷ lệ hoàn thành tốt trở lên, tỷ lệ xuất sắc",
    },
  },
  meeting: {
    record: {
      description: "ghi biên bản một buổi đã họp: giờ bắt đầu, kết thúc, chủ trì, thư ký, diễn biến, nghị quyết",
      start: "giờ bắt đầu thực tế, HH:mm",
      end: "giờ kết thúc, HH:mm",
      chair: "người chủ trì",
      secretary: "thư ký",
      content: "diễn biến",
      resolution: "nghị quyết (kết luận) được thông qua",
      speaker: "người phát biểu (nhiều tên)",
      delegate: "đại biểu cấp trên dự (họ tên, chức vụ)",
      prepared: "chi ủy đã họp chuẩn bị nội dung và dự thảo nghị quyết",
    },
    minutes: {
      description: "biên bản sinh hoạt chi bộ (Word)",
      out: "tệp .docx",
    },
    guests: {
      description: "ghi cấp ủy viên phụ trách có mặt ở một buổi đã họp (người không ghi là vắng)",
      present: "số hiệu của cấp ủy viên có mặt",
    },
    quality: {
      description: "các buổi đã họp trong năm và buổi nào đạt chất lượng (HD 12-HD/BTCTW 2018)",
      branch: "mã chi bộ",
      year: "năm (mặc định năm nay)",
    },
    description: "buổi sinh hoạt",
    create: {
      agenda: "nội dung, chuyên đề",
      place: "địa điểm",
      at: 'ví dụ "03/12/2026 19:30"',
      branch: "mã chi bộ",
      description: "tạo buổi sinh hoạt và báo cho các đảng viên đã liên kết",
      kind: "regular (định kỳ) hoặc thematic (chuyên đề)",
    },
    cancel: {
      description: "huỷ buổi sinh hoạt và báo cho các đảng viên",
    },
    list: {
      branch: "mã chi bộ",
      description: "các buổi sinh hoạt của chi bộ",
    },
    move: {
      agenda: "nội dung mới",
      place: "địa điểm mới",
      at: 'ví dụ "05/12/2026 19:30"',
      description:
        "đổi ngày giờ, địa điểm hoặc nội dung buổi sinh hoạt và báo cho các đảng viên (nhắc lịch theo giờ mới)",
    },
    answer: {
      leave: "xin vắng, với lý do",
      attending: "có mặt",
      member: "số hiệu, số điện thoại hoặc họ tên",
      description:
        "ghi câu trả lời một đảng viên báo qua điện thoại: có mặt, hoặc xin vắng với lý do (bí thư sẽ duyệt)",
    },
    decide: {
      refuse: "không chấp thuận",
      accept: "chấp thuận",
      member: "số hiệu, số điện thoại hoặc họ tên",
      description: "duyệt đơn xin vắng của một đảng viên ở buổi sinh hoạt; đảng viên được báo",
    },
  },
  survey: {
    description: "khảo sát, lấy ý kiến đảng viên",
    create: {
      description:
        "tạo khảo sát từ tệp (.xlsx hoặc .yaml, mỗi dòng một câu hỏi) và gửi cho đảng viên; " +
        "tệp có lỗi thì báo từng dòng và không tạo gì",
      from: "tệp khảo sát .xlsx hoặc .yaml (xem survey sample)",
      title: "tiêu đề (nếu tệp không ghi)",
      branch: "mã chi bộ (ghi nhiều lần được)",
      org: "tên đảng bộ: mọi chi bộ",
      leaders: "chỉ gửi bí thư, phó bí thư",
      anonymous: "ẩn danh: câu trả lời lưu tách khỏi người trả lời",
      deadline: 'hạn trả lời, ví dụ "30/11/2026 17:00"',
      dryRun: "chỉ kiểm tra tệp và xem trước, không gửi",
    },
    sample: { description: "ghi một tệp khảo sát mẫu (.xlsx) để điền", out: "tệp .xlsx sẽ ghi" },
    list: { description: "các khảo sát: trạng thái, hạn, số người đã trả lời" },
    results: {
      description: "kết quả một khảo sát (số lượng, tỷ lệ, trung bình, ý kiến); --out ghi tệp",
      out: "tệp .xlsx (câu trả lời và tổng hợp) hoặc .csv (câu trả lời)",
    },
    close: { description: "kết thúc khảo sát sớm (rút các tin mời, nhắc chưa gửi)" },
    extend: { description: "gia hạn khảo sát (mở lại nếu đã kết thúc)", deadline: 'hạn mới, ví dụ "05/12/2026 17:00"' },
  },
  announce: {
    at: 'hẹn giờ gửi, ví dụ "25/11/2026 07:30"',
    leaders: "chỉ gửi bí thư, phó bí thư",
    text: "nội dung thông báo",
    org: "tên đảng bộ: mọi chi bộ",
    branch: "mã chi bộ (ghi nhiều lần được)",
    description:
      "gửi thông báo của Đảng ủy tới các đảng viên của một hoặc nhiều chi bộ (hoặc mọi chi bộ của --org); đảng viên bấm «Đã nhận»",
  },
  candidate: {
    description: "phát triển đảng viên: người được bồi dưỡng, các bước và thời hạn",
    add: {
      description: "thêm một quần chúng ưu tú vào danh sách theo dõi của chi bộ",
      branch: "mã chi bộ",
      name: "họ và tên",
      born: "ngày sinh dd/mm/yyyy",
      introducer: "người giới thiệu (tối đa hai đảng viên chính thức: số hiệu, số điện thoại hoặc họ tên)",
      union: 'tổ chức giới thiệu thay một đảng viên, ví dụ "BCH Đoàn cơ sở phường"',
      helper: "đảng viên chính thức được phân công giúp đỡ",
      note: "ghi chú",
    },
    set: {
      description: "sửa thông tin (chỉ những gì được ghi; phần còn lại giữ nguyên)",
      helper: 'đảng viên giúp đỡ ("-" để bỏ)',
    },
    step: {
      description: (words: string[]) => `ghi ngày của một bước; bước là một trong: ${words.join(", ")}`,
    },
    close: {
      description: "đưa ra khỏi danh sách (không kết nạp, hoặc xoá tên đảng viên dự bị)",
      reason: "lý do",
      date: "ngày (mặc định hôm nay)",
    },
    list: {
      description: "danh sách của chi bộ với các thời hạn và lưu ý",
      branch: "mã chi bộ",
      all: "cả người đã dừng và đã là đảng viên chính thức",
    },
    show: {
      description: "một người: các bước đã qua, thời hạn, lưu ý",
    },
  },
  development: {
    description: "phát triển đảng viên toàn đảng bộ",
    target: {
      description: "đặt chỉ tiêu kết nạp trong năm của một chi bộ",
      branch: "mã chi bộ",
      count: "số đảng viên mới",
      year: "năm (mặc định năm nay)",
    },
    overview: {
      description: "kết nạp so với chỉ tiêu, số người ở từng bước, thời hạn quá và trễ, theo chi bộ",
      year: "năm (mặc định năm nay)",
      org: "tên đảng bộ (khi có nhiều)",
    },
  },
  holiday: {
    description: "lịch ngày nghỉ dùng để tính ngày làm việc",
    list: {
      description: "các ngày nghỉ lễ, Tết và ngày làm bù của một năm",
      year: "năm (mặc định năm nay)",
    },
    add: {
      description: "thêm ngày nghỉ (Tết, nghỉ bù) hoặc, với --work, một ngày làm việc",
      name: 'tên, ví dụ "Tết Nguyên đán"',
      work: "ngày này là ngày làm việc (làm bù, hoặc bỏ một ngày nghỉ có sẵn)",
    },
    remove: {
      description: "bỏ một ngày đã thêm (lịch có sẵn áp dụng lại cho ngày đó)",
    },
  },
  committee: {
    description: "thiết lập của đảng ủy",
    org: "tên đảng bộ (khi có nhiều)",
    settings: {
      description: "các thiết lập và giá trị đang dùng (* là đảng ủy đã đặt)",
    },
    set: {
      description: "đặt một thiết lập, ví dụ: committee set liaisonYearlyMeetings 6",
    },
    unset: {
      description: "trả một thiết lập về mặc định",
    },
    report: {
      description: "báo cáo tình hình các chi bộ gửi cấp trên, tháng hoặc năm (Excel hoặc Word)",
      out: "tệp .xlsx hoặc .docx",
      year: "năm (mặc định năm nay)",
      month: "tháng 1–12 (bỏ trống: cả năm)",
    },
  },
  liaison: {
    description: "cấp ủy viên phụ trách chi bộ",
    assign: {
      description: "phân công một cấp ủy viên phụ trách chi bộ (người đang phụ trách, nếu có, thôi từ nay)",
      branch: "mã chi bộ được phụ trách",
      member: "cấp ủy viên: số hiệu, số điện thoại hoặc họ tên",
      memberBranch: "mã chi bộ nơi cấp ủy viên sinh hoạt (mặc định: chi bộ được phụ trách)",
    },
    end: {
      description: "thôi phân công phụ trách chi bộ",
      branch: "mã chi bộ",
    },
    report: {
      description: "số buổi sinh hoạt mỗi cấp ủy viên đã dự so với chỉ tiêu năm; ai đang chậm",
      year: "năm (mặc định năm nay)",
    },
  },
  scorecard: {
    description: 'bộ tiêu chí "chi bộ 4 tốt" và điểm của các chi bộ',
    sample: { description: "tạo bộ tiêu chí của đảng bộ từ bộ mẫu (khi chưa có)" },
    criteria: { description: "các tiêu chí: nhóm, nguồn số liệu, chỉ tiêu, trọng số" },
    add: {
      description: "thêm một tiêu chí",
      group: "nhóm 1–4",
      label: "tên tiêu chí",
      source: (sources: string[]) => `nguồn số liệu: ${sources.join(", ")}`,
      kind: "loại khi Đảng ủy nhập: percent (tỷ lệ), count (số lượng), boolean (có/không)",
      target: 'chỉ tiêu, ví dụ "90%", "3"',
      weight: "trọng số (điểm)",
    },
    remove: { description: "bỏ một tiêu chí (và các giá trị đã nhập)" },
    set: { description: "sửa một tiêu chí (chỉ những gì được ghi; phần còn lại giữ nguyên)" },
    value: {
      description: 'nhập giá trị một tiêu chí Đảng ủy chấm cho một chi bộ ("có"/"không", số, tỷ lệ)',
      branch: "mã chi bộ",
      value: "giá trị",
      year: "năm (mặc định năm nay)",
      note: "ghi chú (căn cứ)",
    },
    show: {
      description: "điểm và thứ hạng các chi bộ; với --branch: từng tiêu chí",
      year: "năm (mặc định năm nay)",
      ytd: "từ đầu năm đến hôm nay",
      branch: "mã chi bộ: xem từng tiêu chí",
    },
    xlsx: { description: "bảng điểm và thứ hạng (Excel)", out: "tệp .xlsx" },
  },
  rating: {
    description: "xếp loại chất lượng tổ chức đảng (chi bộ) hằng năm",
    branch: "mã chi bộ",
    year: "năm (mặc định năm nay)",
    level: (levels: readonly string[]) => `mức: ${levels.join(", ")}`,
    propose: {
      description: "chi bộ đề xuất mức xếp loại từ điểm bộ tiêu chí và các điều kiện",
      allTasks: "hoàn thành 100% nhiệm vụ đúng tiến độ, có chất lượng",
      exceeded: "ít nhất 30% nhiệm vụ vượt yêu cầu",
      lateOk: "nhiệm vụ chậm tiến độ không quá 20%",
      disciplined: "có tổ chức trực thuộc hoặc thành viên chi ủy bị kỷ luật trong năm",
    },
    decide: { description: "Đảng ủy quyết định mức xếp loại", note: "ghi chú" },
    list: { description: "đề xuất và quyết định của các chi bộ, tỷ lệ xuất sắc so với quy định" },
    report: { description: "báo cáo kiểm điểm tập thể của chi bộ (Word, theo Mẫu 01)", out: "tệp .docx" },
  },
};
