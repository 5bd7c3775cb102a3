import { describe, expect, test } from "vitest";
import { headerWarningText, rowErrorText } from "../../src/texts/roster.ts";
import { mapHeaders, validateRoster } from "../../src/domain/roster.ts";

const headers = [
  "STT",
  "Họ và tên",
  "Số điện thoại",
  "Chức vụ",
  "Tình trạng",
  "Số thẻ đảng",
  "Miễn sinh hoạt",
  "Từ ngày",
  "Đến ngày",
];
const rows = (...cells: string[][]) => cells.map((c, i) => ({ row: i + 2, cells: c }));

describe("roster headers", () => {
  test("Vietnamese headers map to fields; sensitive columns are refused", () => {
    const map = mapHeaders(headers);
    expect([...map.columns.values()]).toEqual([
      "fullName",
      "phone",
      "role",
      "status",
      "exemption",
      "exemptFrom",
      "exemptUntil",
    ]);
    expect(map.warnings.map(headerWarningText)).toEqual(['Cột "Số thẻ đảng" chứa dữ liệu nhạy cảm: không được lưu.']);
    expect(map.missing).toEqual([]);
  });
  test("headers typed without diacritics are accepted", () => {
    expect([...mapHeaders(["ho va ten", "dien thoai"]).columns.values()]).toEqual(["fullName", "phone"]);
  });
  test("a file without a name column is refused", () => {
    expect(mapHeaders(["Điện thoại"]).missing).toEqual(["fullName"]);
  });
});

describe("roster rows", () => {
  const map = mapHeaders(headers);
  test("good rows become members", () => {
    const { members, errors } = validateRoster(
      map,
      rows(
        ["1", "Nguyễn Văn An", "0912 345 678", "Bí thư", "Chính thức", "999", "", "", ""],
        ["2", "Trần Thị Bình", "", "chi uy vien thu dang phi", "Dự bị", "", "Tạm miễn", "01/06/2026", "31/05/2027"],
        ["", "", "", "", "", "", "", "", ""],
      ),
    );
    expect(errors).toEqual([]);
    expect(members).toMatchObject([
      { row: 2, fullName: "Nguyễn Văn An", phone: "0912345678", role: "secretary", status: "official" },
      { row: 3, fullName: "Trần Thị Bình", role: "collector", status: "probationary", exemption: "temporary" },
    ]);
    // Empty cells say nothing: the import keeps what the record has.
    expect(members[0]).not.toHaveProperty("exemption");
    expect(members[1]).not.toHaveProperty("phone");
    expect(members[1]?.exemptUntil?.toISOString()).toBe("2027-05-31T00:00:00.000Z");
  });
  test("every bad row is reported with its number, and nothing is returned", () => {
    const { members, errors } = validateRoster(
      map,
      rows(
        ["1", "", "0912345678", "", "", "", "", "", ""],
        ["2", "Lê Văn C", "12345", "Trưởng thôn", "", "", "", "", ""],
        ["3", "Lê Văn D", "0912345678", "", "Tạm", "", "", "", ""],
        ["4", "Lê Văn E", "0912345670", "", "", "", "Tạm miễn", "31/02/2026", ""],
        ["5", "Lê Văn D", "0912345678", "", "", "", "", "", ""],
        ["6", "Ngô Văn F", "", "", "", "", "", "", ""],
        ["7", "Ngô Văn F", "", "", "", "", "", "", ""],
      ),
    );
    expect(members).toEqual([]);
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 8]);
    const said = (i: number) => (errors[i] ? rowErrorText(errors[i]!) : undefined);
    expect(said(0)).toBe("thiếu họ và tên");
    expect(said(1)).toContain('số điện thoại "12345" không hợp lệ');
    expect(said(1)).toContain('chức vụ "Trưởng thôn" không rõ');
    expect(said(2)).toContain('tình trạng "Tạm" không rõ');
    expect(said(3)).toContain("dd/mm/yyyy");
    expect(said(4)).toBe("số điện thoại trùng với dòng 2");
    expect(said(5)).toContain("trùng họ tên với dòng 7");
  });
});
