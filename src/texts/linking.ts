/** Linking a chat to a member, unlinking, the delivery channel, unreachable accounts. */
import type { Channel, OutgoingMessage } from "../messaging/types.ts";

/** The answer to someone the bot does not know yet: Telegram can offer a phone-sharing button. */
export function notLinkedReply(channel: Channel): OutgoingMessage {
  return channel === "telegram"
    ? { text: linkingTexts.notLinkedTelegram, askContact: linkingTexts.shareContact }
    : { text: linkingTexts.notLinkedZalo };
}

export const linkingTexts = {
  btnReceiveVia: (channel: string) => `Nhận qua ${channel}`,
  btnReceiveAuto: "Tự động (kênh dùng gần nhất)",
  notLinkedTelegram:
    "Tài khoản này chưa được liên kết với hồ sơ đảng viên.\n" +
    "Xin đồng chí gửi mã mời do bí thư chi bộ cấp (8 ký tự), hoặc bấm nút " +
    "bên dưới để chia sẻ số điện thoại đã đăng ký với chi bộ.",
  notLinkedZalo:
    "Tài khoản Zalo này chưa được liên kết với hồ sơ đảng viên.\n" +
    "Xin đồng chí gửi cho bot mã mời do bí thư chi bộ cấp (8 ký tự).",
  shareContact: "📱 Chia sẻ số điện thoại",
  welcomeLinked: (name: string) => `Kính chào đồng chí ${name}. Gõ /trogiup để xem các lệnh.`,
  linked: (name: string, branch: string) =>
    `✅ Đã liên kết tài khoản với đồng chí ${name}, ${branch}.\nTừ nay bot ` +
    `sẽ gửi lịch sinh hoạt và nhắc việc cho đồng chí. Gõ /trogiup để xem các lệnh.`,
  alreadyLinked: (name: string) =>
    `Tài khoản này đã được liên kết với đồng chí ${name}. Muốn huỷ liên kết, gõ /huylienket.`,
  linkInvalid: "Mã mời không đúng. Xin đồng chí kiểm tra lại mã (8 ký tự, không phân biệt chữ hoa, chữ thường).",
  linkUsed: "Mã mời này đã được dùng. Xin đồng chí liên hệ bí thư chi bộ để được cấp mã mới.",
  linkExpired: "Mã mời này đã hết hạn. Xin đồng chí liên hệ bí thư chi bộ để được cấp mã mới.",
  linkThrottled: "Đồng chí đã nhập sai quá nhiều lần. Xin thử lại sau một giờ hoặc liên hệ bí thư chi bộ.",
  linkNotOwnContact:
    "Xin đồng chí chia sẻ số điện thoại của chính mình bằng nút bên dưới, không gửi danh bạ của người khác.",
  linkNoMatch: "Số điện thoại này không có trong danh sách chi bộ. Xin đồng chí liên hệ bí thư để được cấp mã mời.",
  linkAmbiguous: "Số điện thoại này trùng với nhiều hồ sơ. Xin đồng chí dùng mã mời do bí thư cấp.",
  linkBadPhone: "Số điện thoại không hợp lệ. Xin đồng chí dùng mã mời do bí thư cấp.",
  unlinked: "Đã huỷ liên kết. Bot sẽ không gửi tin cho tài khoản này nữa. Muốn liên kết lại, gửi mã mời mới.",
  nothingToUnlink: "Tài khoản này chưa liên kết với hồ sơ nào.",
  channelChoose: (linked: string[], current: string | null) =>
    `Đồng chí đã liên kết: ${linked.join(", ")}.\nLời nhắc và thông báo ` +
    `được gửi một lần, qua ` +
    `${current ? `kênh đã chọn: ${current}` : "kênh đồng chí dùng gần nhất"}. ` +
    `Chọn kênh nhận:`,
  channelSet: (channel: string) =>
    `Đã chọn: lời nhắc và thông báo sẽ gửi qua ${channel}. Nếu không gửi được, bot sẽ gửi qua kênh còn lại.`,
  channelAuto: "Đã chọn: lời nhắc và thông báo sẽ gửi qua kênh đồng chí dùng gần nhất.",
  channelNotLinked: (channel: string) =>
    `Đồng chí chưa liên kết ${channel}. Xin gửi mã mời cho bot trên ${channel} trước.`,
  unlinkChoose: "Chọn đảng viên cần gỡ liên kết tài khoản:",
  unlinkNone: "Không có đảng viên nào đang liên kết tài khoản.",
  unlinkDone: (name: string) => `Đã gỡ liên kết tài khoản của đồng chí ${name}.`,
  unlinkedByLeader: "Bí thư chi bộ đã gỡ liên kết tài khoản này. Muốn liên kết lại, xin gửi mã mời mới.",
  unreachableToLeader: (name: string, channel: string) =>
    `📵 Không gửi được tin nhắn tới đồng chí ${name} qua ` +
    `${channel === "zalo" ? "Zalo" : "Telegram"} (có thể đã chặn bot hoặc ` +
    `xoá tài khoản). Xin liên hệ trực tiếp.`,
};
