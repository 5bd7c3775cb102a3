/** The Vietnamese for every refusal a use case can return, by its code (chat, command line, web). */

type Data = Record<string, string | number | boolean | null | undefined>;

const s = (v: unknown) => String(v ?? "");

export const ERROR_TEXTS = {
  not_authorised: () => "Đồng chí không có quyền thực hiện thao tác này.",
  worded: (d: Data) => s(d.message),
  "member.not_found": () => "Không tìm thấy đảng viên này.",
  "member.no_match": (d: Data) => `Chi bộ không có đảng viên "${s(d.who)}"`,
  "member.many_match": (d: Data) =>
    `"${s(d.who)}" trùng với ${s(d.count)} đảng viên; hãy dùng số hiệu đảng viên (xem: members)`,
  "org.exists": (d: Data) => `Đảng bộ "${s(d.name)}" đã có`,
  "org.not_found": (d: Data) => `Không có đảng bộ "${s(d.name)}" (tạo bằng: org create)`,
  "branch.not_found": (d: Data) => `Không có chi bộ mã "${s(d.code)}" (xem: branch list)`,
  "branch.exists": (d: Data) => `Đã có chi bộ mã "${s(d.code)}" hoặc tên "${s(d.name)}"`,
  "branch.bad_code": () => "--code: 2–32 ký tự gồm chữ, số, - hoặc _",
  "branch.bad_region": () => "--region phải là 1, 2, 3 hoặc 4",
  "branch.bad_collection_day": () => "--collection-day phải từ 1 đến 28",
  "leave.reason_empty": () => "Lý do xin vắng không được để trống.",
  "leave.reason_too_long": (d: Data) => `Lý do xin vắng quá dài (tối đa ${s(d.max)} ký tự).`,
} satisfies Record<string, (d: Data) => string>;

export type ErrorCode = keyof typeof ERROR_TEXTS;

export function errorText(e: { code: ErrorCode; data: Data }): string {
  return ERROR_TEXTS[e.code](e.data);
}
