/** The questionnaire's words: why an answer was not taken, and how an answer reads back. */
import type { AnswerValue, EngineProblem, Question } from "../domain/questionnaire.ts";

export function problemText(p: EngineProblem): string {
  switch (p.code) {
    case "finished":
      return "Đã trả lời hết các câu; xem lại bản tóm tắt.";
    case "required":
      return "Câu này bắt buộc trả lời.";
    case "yes_no":
      return "Xin trả lời «Có» hoặc «Không».";
    case "pick_one":
      return `Xin chọn một trong ${p.count} phương án.`;
    case "pick_at_least":
      return `Xin chọn ít nhất ${p.min} phương án.`;
    case "pick_at_most":
      return `Chọn tối đa ${p.max} phương án.`;
    case "date":
      return "Xin nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/12/2026.";
    case "pick_then_done":
      return "Xin chọn các phương án, rồi bấm «Xong».";
    case "text_needed":
      return "Xin nhập câu trả lời bằng chữ.";
    case "empty":
      return "Câu trả lời không được để trống.";
    case "too_long":
      return `Câu trả lời tối đa ${p.max} ký tự (đang là ${p.length}).`;
    case "nothing_gathered":
      return "Chưa có nội dung. Xin nhập câu trả lời (có thể gửi nhiều tin), rồi bấm «Xong».";
    case "text_then_done":
      return "Xin nhập câu trả lời bằng chữ, rồi bấm «Xong».";
    case "too_long_part":
      return `Câu trả lời tối đa ${p.max} ký tự; phần vừa gửi không được thêm vào.`;
    case "number":
      return `Xin nhập một số từ ${p.min} đến ${p.max}.`;
    case "integer":
      return `Xin nhập số nguyên từ ${p.min} đến ${p.max}.`;
    case "range":
      return `Số phải từ ${p.min} đến ${p.max}.`;
  }
}

export function formatAnswer(q: Question, value: AnswerValue | undefined): string {
  if (value === undefined) return "(chưa trả lời)";
  if (q.type === "yes_no") return value ? "Có" : "Không";
  if (q.type === "scale") return `${String(value)}/${q.max}`;
  if (q.type === "date" && typeof value === "string") return value.split("-").reverse().join("/");
  if (q.type === "single") return q.options.find((o) => o.value === value)?.label ?? String(value);
  if (q.type === "multi")
    return (
      (value as string[]).map((v) => q.options.find((o) => o.value === v)?.label ?? v).join("; ") || "(không chọn)"
    );
  return String(value);
}
