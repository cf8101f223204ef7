# Tiếng Việt — ngôn ngữ mặc định.
# Xưng hô thống nhất: "Quý vị". Nhãn nút ngắn (một, hai chữ). Mỗi tin nhắn tối đa một biểu tượng cảm xúc.
# Các khóa phải trùng khớp với en.ftl (có bài kiểm thử).

## Chào hỏi và trình đơn chính

welcome =
    Xin chào! Đây là kênh tiếp nhận đề xuất "Người tốt, việc tốt" của Ủy ban nhân dân phường.
    Quý vị có thể giới thiệu một cá nhân, tập thể hoặc hộ gia đình có việc làm tốt để chính quyền xem xét, biểu dương, khen thưởng.

    Xin mời chọn một mục bên dưới.
menu-prompt = Xin mời chọn một mục bên dưới.
menu-nominate = Đề xuất người tốt, việc tốt
menu-mine = Đề xuất của tôi
menu-guide = Hướng dẫn
menu-language = Ngôn ngữ / Language
guide =
    Hướng dẫn gửi đề xuất "Người tốt, việc tốt":
    1. Chọn "Đề xuất người tốt, việc tốt" (hoặc gõ /decu) và đồng ý với việc xử lý dữ liệu.
    2. Trả lời lần lượt từng câu hỏi: người được đề xuất, đơn vị, việc làm tốt, ảnh hoặc tài liệu minh chứng, thông tin liên hệ của Quý vị.
    3. Kiểm tra bản tóm tắt, sửa nếu cần, rồi bấm "Gửi đề xuất". Quý vị sẽ nhận được mã hồ sơ, ví dụ NTV-2026-00042.
    4. Theo dõi tình trạng hồ sơ bằng lệnh /cuatoi.

    Các lệnh dùng khi đang điền:
    /trogiup — giải thích câu hỏi hiện tại
    /boqua — bỏ qua câu hỏi không bắt buộc
    /sua — quay lại bản tóm tắt để sửa
    /huy — hủy đề xuất đang điền
    Thông tin được lưu sau mỗi bước; nếu bị gián đoạn, Quý vị có thể làm tiếp vào lúc khác.
language-choose = Xin chọn ngôn ngữ / Please choose a language:
language-vi = Tiếng Việt
language-en = English
language-set = Đã chuyển sang tiếng Việt.

## Lệnh (hiển thị trong danh sách lệnh của Telegram)

cmd-decu = Đề xuất người tốt, việc tốt
cmd-cuatoi = Xem các đề xuất của tôi
cmd-huongdan = Hướng dẫn sử dụng
cmd-ngonngu = Đổi ngôn ngữ
cmd-huy = Hủy đề xuất đang điền
cmd-sua = Quay lại bản tóm tắt để sửa
cmd-trogiup = Giải thích câu hỏi hiện tại
cmd-boqua = Bỏ qua câu hỏi không bắt buộc

## Đồng ý xử lý dữ liệu cá nhân

consent-text =
    Trước khi bắt đầu, xin Quý vị đọc và cho biết có đồng ý với việc xử lý dữ liệu cá nhân hay không.

    Đơn vị xử lý: Ủy ban nhân dân phường nơi người được đề xuất cư trú hoặc công tác, thông qua kênh tiếp nhận này.
    Dữ liệu thu thập: họ tên và số điện thoại của Quý vị; thông tin về người được đề xuất và việc làm tốt; ảnh, tài liệu minh chứng Quý vị gửi.
    Mục đích: tiếp nhận, xác minh và xem xét đề xuất khen thưởng theo Luật Thi đua, khen thưởng; không dùng cho mục đích khác.
    Thời gian lưu: bản đề xuất chưa gửi tự động xóa sau { $days } ngày không sử dụng; hồ sơ đã gửi được lưu trong thời gian xem xét và theo quy định về lưu trữ.
    Quyền của Quý vị (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15): được biết, đồng ý hoặc từ chối, xem và chỉnh sửa, yêu cầu xóa dữ liệu, rút lại sự đồng ý bất cứ lúc nào, phản đối và khiếu nại. Khi đang điền, gõ /huy để dừng và xóa; gõ /cuatoi để xem hoặc rút đề xuất đã gửi; các yêu cầu khác xin gửi UBND phường.
    Xin đừng gửi số căn cước hay thông tin nhạy cảm (sức khỏe, tôn giáo…).

    Nếu Quý vị không đồng ý, hệ thống sẽ không lưu bất kỳ thông tin nào.
btn-consent-agree = Đồng ý
btn-consent-decline = Không đồng ý
consent-declined = Quý vị chưa đồng ý nên hệ thống không lưu thông tin nào. Khi cần, xin chọn "Đề xuất người tốt, việc tốt" để bắt đầu lại.
consent-use-buttons = Xin bấm "Đồng ý" để bắt đầu, hoặc "Không đồng ý" nếu không muốn tiếp tục.

## Người được đề xuất

ask-nomineeKind = Quý vị muốn đề xuất cá nhân, tập thể hay hộ gia đình?
kind-individual = Cá nhân
kind-collective = Tập thể
kind-household = Hộ gia đình
ask-nomineeName-individual =
    Xin cho biết họ và tên người được đề xuất.
    Ví dụ: Nguyễn Văn An
ask-nomineeName-collective =
    Xin cho biết tên tập thể được đề xuất.
    Ví dụ: Tổ dân phố số 5, Chi hội Phụ nữ tổ dân phố số 3
ask-nomineeName-household =
    Xin cho biết họ và tên chủ hộ gia đình được đề xuất.
    Ví dụ: Trần Thị Bình
nominee-name-empty = Xin nhập họ và tên người được đề xuất, ví dụ: Nguyễn Văn An.
collective-name-empty = Xin nhập tên tập thể, ví dụ: Tổ dân phố số 5.
name-too-long = Tên quá dài (tối đa { $max } ký tự). Xin kiểm tra lại.
name-letters-only = Họ tên chỉ gồm chữ cái, không có chữ số hay ký hiệu. Ví dụ: Nguyễn Văn An.
name-full-please = Xin nhập đầy đủ họ và tên, ví dụ: Nguyễn Văn An.

## Đơn vị

ask-unit =
    Người được đề xuất thuộc phường, tổ dân phố hay đơn vị nào?
    Xin chọn trong danh sách, hoặc gõ một phần tên đơn vị, có dấu hay không dấu đều được (ví dụ: tu liem, Xuân Phương). Tên phường cũ trước sáp nhập cũng tìm được.
page-of = Trang { $page }/{ $pages }
unit-formerly = { $name } (gồm { $formerly } cũ)
ask-unit-within = Xin chọn tổ dân phố hoặc đơn vị thuộc { $name }. Nếu chưa rõ, xin chọn cả phường.
unit-search-results = Tìm thấy { $count } đơn vị phù hợp. Xin chọn đúng đơn vị:
btn-unit-list = Xem danh sách
btn-unit-whole = Cả { $name }
btn-unit-back = « Quay lại
btn-prev-page = « Trang trước
btn-next-page = Trang sau »
unit-chosen = Đơn vị: { $name }.
unit-not-found = Đơn vị này không còn trong danh sách. Xin chọn lại.
unit-type-or-choose = Xin chọn đơn vị trong danh sách hoặc gõ một phần tên đơn vị.
unit-query-too-short = Xin gõ ít nhất 2 chữ cái của tên đơn vị.
unit-not-found-query = Chưa tìm thấy đơn vị nào có tên "{ $query }". Xin kiểm tra lại chính tả hoặc chọn trong danh sách dưới đây.
unit-too-many = Có { $count } đơn vị phù hợp, dưới đây là các kết quả gần nhất. Nếu chưa thấy đơn vị cần tìm, xin gõ cụ thể hơn.

## Năm sinh, chức vụ

ask-nomineeBirthYear =
    Người được đề xuất sinh năm nào? (không bắt buộc)
    Ví dụ: 1975. Nếu không rõ, xin bấm "Bỏ qua".
birth-year-format = Năm sinh gồm 4 chữ số, ví dụ: { $year }. Nếu không rõ, xin bấm "Bỏ qua".
birth-year-future = Năm sinh không thể sau năm hiện tại. Xin kiểm tra lại.
birth-year-too-old = Năm sinh này có vẻ chưa đúng. Xin nhập lại, ví dụ: { $year }.
ask-nomineeRole =
    Người được đề xuất làm nghề gì, giữ chức vụ gì? (không bắt buộc)
    Ví dụ: giáo viên, tổ trưởng tổ dân phố, lái xe công nghệ.

## Việc làm tốt

ask-deedCategory = Việc làm tốt thuộc lĩnh vực nào?
category-lost-property = Nhặt được của rơi trả người mất
category-rescue = Dũng cảm cứu người, cứu tài sản
category-security = Phòng chống tội phạm, giữ gìn an ninh trật tự
category-land-donation = Hiến đất làm đường, đóng góp xây dựng
category-charity = Từ thiện, nhân đạo, hiến máu
category-helping-needy = Giúp đỡ người gặp khó khăn
category-environment = Bảo vệ môi trường, văn minh đô thị
category-education = Khuyến học, khuyến tài
category-community-initiative = Sáng kiến vì cộng đồng
category-disaster-epidemic = Phòng chống thiên tai, dịch bệnh
category-other = Lĩnh vực khác
ask-deedDate =
    Việc làm tốt diễn ra vào ngày nào?
    Xin gõ theo dạng ngày/tháng/năm, ví dụ: 15/11/2026, hoặc bấm nút bên dưới.
btn-today = Hôm nay
btn-yesterday = Hôm qua
date-format = Chưa đọc được ngày. Xin gõ theo dạng ngày/tháng/năm, ví dụ: 15/11/2026.
date-invalid = Ngày này không có trên lịch (ví dụ 31/02). Xin kiểm tra lại ngày và tháng.
date-future = Ngày này chưa đến. Xin nhập ngày việc làm tốt đã diễn ra, ví dụ: 15/11/2026.
date-too-old = Kênh này tiếp nhận việc làm tốt trong vòng { $years } năm gần đây. Với việc đã lâu hơn, xin liên hệ trực tiếp UBND phường.
ask-deedPlace =
    Việc làm tốt diễn ra ở đâu? (không bắt buộc)
    Ví dụ: trước cổng chợ Mỹ Đình; số 12 ngõ 34 đường Lê Đức Thọ.
ask-description =
    Xin kể lại việc làm tốt: ai đã làm gì, khi nào, giúp ai, kết quả ra sao.
    Tối thiểu { $min } ký tự, tối đa { $max } ký tự.
description-too-short = Phần mô tả còn ngắn ({ $length } ký tự). Xin kể cụ thể hơn, ít nhất { $min } ký tự. Ví dụ: "Sáng 15/11, anh An nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tại chợ, đã mang đến Công an phường để trả lại người mất."
description-too-long = Phần mô tả dài { $length } ký tự, vượt quá { $max } ký tự cho phép. Xin rút gọn; ảnh và tài liệu có thể gửi ở bước sau.
text-too-short = Câu trả lời quá ngắn. Xin nhập rõ hơn, hoặc bấm "Bỏ qua".
text-too-long = Câu trả lời dài { $length } ký tự, vượt quá { $max } ký tự cho phép. Xin rút gọn.

## Minh chứng

ask-evidence =
    Quý vị có ảnh hoặc tài liệu minh chứng không (giấy biên nhận, bài báo, ảnh chụp…)?
    Xin gửi từng ảnh hoặc tệp, tối đa { $max } tệp, mỗi tệp không quá { $mb } MB. Nếu không có, xin bấm "Không có".
ask-evidence-more = Đã nhận { $count }/{ $max } tệp minh chứng. Quý vị có thể gửi thêm, hoặc bấm "Xong" để sang bước tiếp theo.
btn-evidence-none = Không có
btn-evidence-clear = Xóa tệp đã gửi
btn-done = Xong
evidence-received = Đã nhận tệp thứ { $count } (tối đa { $max }). Quý vị có thể gửi thêm hoặc bấm "Xong".
evidence-received-full = Đã nhận đủ { $max } tệp. Xin bấm "Xong" để tiếp tục.
evidence-cleared = Đã xóa các tệp đã gửi.
evidence-send-file = Ở bước này, xin gửi ảnh hoặc tệp tài liệu, hoặc bấm "Xong" nếu đã gửi đủ.
evidence-duplicate = Tệp này đã được gửi trước đó, hệ thống không nhận lại.
evidence-too-many = Mỗi đề xuất nhận tối đa { $max } tệp. Xin bấm "Xong" để tiếp tục.
evidence-too-large = Tệp quá lớn: mỗi tệp không quá { $mb } MB. Xin gửi ảnh chụp hoặc tệp nhỏ hơn.
evidence-wrong-type = Hệ thống nhận ảnh, tệp PDF và Word. Với loại tệp khác, xin chụp ảnh hoặc chuyển sang PDF rồi gửi lại.
summary-evidence-count = { $count } tệp

## Người đề xuất

ask-nominatorName =
    Xin cho biết họ và tên của Quý vị (người đề xuất).
    Ví dụ: Lê Thị Hoa
nominator-name-empty = Xin nhập họ và tên của Quý vị, ví dụ: Lê Thị Hoa.
ask-nominatorPhone =
    Xin cho biết số điện thoại để cán bộ phường liên hệ khi cần xác minh.
    Quý vị có thể gõ số (ví dụ: 0912 345 678) hoặc bấm nút "Gửi số điện thoại của tôi".
btn-share-phone = Gửi số điện thoại của tôi
phone-format = Số điện thoại chưa đúng. Xin nhập số di động 10 chữ số (ví dụ: 0912 345 678) hoặc số cố định có mã vùng (ví dụ: 024 3825 1234).
phone-length = Số điện thoại bị thiếu hoặc thừa chữ số. Số di động có 10 chữ số, ví dụ: 0912 345 678.
phone-not-own = Xin gửi số điện thoại của chính Quý vị bằng nút "Gửi số điện thoại của tôi", hoặc gõ số.
contact-button-closed = Số điện thoại được giữ nguyên.
phone-saved = Đã ghi nhận số điện thoại { $phone }.
ask-nominatorRelation = Quý vị có quan hệ thế nào với người được đề xuất?
relation-family = Người thân
relation-neighbour = Hàng xóm
relation-colleague = Đồng nghiệp
relation-beneficiary = Người được giúp
relation-witness = Người chứng kiến
relation-organisation = Tổ chức, đoàn thể
relation-other = Khác
ask-pledge =
    Xin Quý vị xác nhận: thông tin trong đề xuất này là trung thực, đúng sự thật, và Quý vị chịu trách nhiệm về nội dung đã cung cấp.
    Theo Luật Thi đua, khen thưởng, việc khen thưởng dựa trên thông tin không trung thực sẽ bị hủy bỏ.
btn-pledge = Tôi xin cam đoan
pledge-use-button = Xin bấm nút "Tôi xin cam đoan" để xác nhận, hoặc gõ /huy nếu muốn dừng.

## Tóm tắt, sửa, gửi

summary-title = Xin Quý vị kiểm tra lại đề xuất:
summary-line = { $label }: { $value }
summary-not-given = (không có)
summary-hint = Nếu thông tin đã đúng, xin bấm "Gửi đề xuất". Muốn sửa mục nào, xin bấm "Sửa".
btn-submit = Gửi đề xuất
btn-edit = Sửa
btn-cancel = Hủy
summary-use-buttons = Xin dùng các nút bên dưới: "Gửi đề xuất", "Sửa" hoặc "Hủy".
edit-choose-field = Quý vị muốn sửa mục nào?
btn-back-to-summary = « Về bản tóm tắt
field-nomineeKind = Đối tượng
field-nomineeName = Họ tên, tên tập thể
field-unit = Đơn vị
field-nomineeBirthYear = Năm sinh
field-nomineeRole = Chức vụ, nghề nghiệp
field-deedCategory = Lĩnh vực
field-deedDate = Ngày diễn ra
field-deedPlace = Địa điểm
field-description = Nội dung việc tốt
field-evidence = Minh chứng
field-nominatorName = Người đề xuất
field-nominatorPhone = Số điện thoại
field-nominatorRelation = Quan hệ
step-name-consent = Đồng ý xử lý dữ liệu
step-name-pledge = Cam đoan
step-name-summary = Kiểm tra và gửi
submitted =
    ✅ Đã tiếp nhận đề xuất của Quý vị. Xin cảm ơn!
    Mã hồ sơ: { $code }
    Trạng thái: { $status }
    Xin ghi lại mã hồ sơ để tra cứu. Quý vị có thể theo dõi hồ sơ bằng lệnh /cuatoi.

## Điều khiển chung

btn-skip = Bỏ qua
skip-not-allowed = Câu hỏi này cần được trả lời, không thể bỏ qua.
choose-from-buttons = Xin chọn một trong các nút bên dưới.
type-the-answer = Ở bước này, xin gõ câu trả lời bằng chữ.
unsupported-message = Hệ thống chưa đọc được loại tin nhắn này (tin nhắn thoại, nhãn dán…). Xin gõ chữ hoặc dùng các nút.
stale-button = Nút vừa bấm thuộc một câu hỏi trước. Câu hỏi hiện tại là:
edit-not-yet = Quý vị chưa đến bước kiểm tra lại. Xin trả lời tiếp câu hỏi dưới đây; cuối cùng sẽ có bản tóm tắt để sửa.
cancel-confirm = Quý vị có chắc muốn hủy đề xuất đang điền? Mọi thông tin đã nhập sẽ bị xóa.
btn-cancel-yes = Hủy đề xuất
btn-cancel-no = Điền tiếp
cancel-done = Đã hủy đề xuất và xóa thông tin đã nhập.
cancel-kept = Xin mời điền tiếp.
resume-offer = Quý vị đang có một đề xuất điền dở (lưu lúc { $saved }, đang ở mục "{ $step }"). Quý vị muốn làm tiếp hay làm lại từ đầu?
btn-resume-continue = Làm tiếp
btn-resume-restart = Làm lại
draft-restarted = Đã xóa bản đề xuất cũ.
form-updated = Mẫu đề xuất vừa được cập nhật. Các thông tin còn phù hợp đã được giữ lại; xin trả lời tiếp các câu hỏi còn thiếu.
nothing-to-cancel = Quý vị không có đề xuất nào đang điền.
nothing-to-edit = Quý vị không có đề xuất nào đang điền để sửa.
nothing-to-skip = Quý vị không có câu hỏi nào để bỏ qua.
not-in-form = Xin chọn một mục bên dưới để bắt đầu.
file-outside-form = Để gửi ảnh hoặc tài liệu, xin bắt đầu một đề xuất trước; hệ thống sẽ hỏi minh chứng ở bước phù hợp.
form-closed = Đề xuất này đã kết thúc hoặc đã được gửi. Xin chọn một mục bên dưới.
error-generic = Xin lỗi, hệ thống đang gặp sự cố nên chưa xử lý được tin nhắn vừa rồi. Các câu trả lời đã lưu trước đó vẫn được giữ; xin thử lại sau ít phút. Nếu vẫn lỗi, xin liên hệ UBND phường.

## Giải thích từng câu hỏi (/trogiup)

help-consent = Hệ thống cần sự đồng ý của Quý vị trước khi lưu bất kỳ thông tin nào. Bấm "Đồng ý" để bắt đầu; nếu không đồng ý, không có dữ liệu nào được lưu.
help-nomineeKind = Chọn "Cá nhân" khi đề xuất một người; "Tập thể" khi đề xuất một tổ, nhóm, trường học, cơ quan; "Hộ gia đình" khi đề xuất cả một gia đình.
help-nomineeName = Gõ họ tên đầy đủ, có dấu nếu được. Hệ thống tự viết hoa chữ cái đầu mỗi từ.
help-unit = Chọn phường rồi chọn tổ dân phố, hoặc gõ một phần tên (không dấu cũng được), ví dụ "xuan phuong". Sau sáp nhập năm 2025, tên phường cũ như "Mỹ Đình 1" vẫn tìm được.
help-nomineeBirthYear = Năm sinh giúp phân biệt người trùng tên. Không bắt buộc: nếu không rõ, bấm "Bỏ qua".
help-nomineeRole = Chức vụ hoặc nghề nghiệp giúp cán bộ xác minh nhanh hơn. Không bắt buộc.
help-deedCategory = Chọn lĩnh vực gần nhất với việc làm tốt. Nếu không có lĩnh vực phù hợp, chọn "Lĩnh vực khác".
help-deedDate = Gõ ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2026, hoặc bấm "Hôm nay", "Hôm qua". Không nhập ngày trong tương lai.
help-deedPlace = Ghi nơi diễn ra việc làm tốt để tiện xác minh. Không bắt buộc.
help-description = Kể ngắn gọn: ai đã làm gì, khi nào, giúp ai, kết quả ra sao. Nếu có người chứng kiến, xin ghi tên và cách liên hệ.
help-evidence = Gửi ảnh chụp, giấy biên nhận, bài báo… bằng nút đính kèm của ứng dụng. Gửi từng tệp; khi đủ, bấm "Xong". Không có minh chứng vẫn gửi đề xuất được.
help-nominatorName = Họ tên của chính Quý vị, để cán bộ phường liên hệ khi cần.
help-nominatorPhone = Số điện thoại chỉ dùng để liên hệ xác minh đề xuất. Có thể gõ số hoặc bấm nút gửi số điện thoại.
help-nominatorRelation = Cho biết Quý vị quen biết người được đề xuất thế nào, ví dụ hàng xóm hay người được giúp đỡ.
help-pledge = Lời cam đoan là bắt buộc theo Luật Thi đua, khen thưởng: khen thưởng dựa trên thông tin sai sự thật sẽ bị hủy bỏ.
help-summary = Kiểm tra lại toàn bộ thông tin. Bấm "Sửa" để sửa một mục, "Gửi đề xuất" để gửi, "Hủy" để hủy.

## Đề xuất của tôi

my-empty = Quý vị chưa gửi đề xuất nào.
my-title = Đề xuất của Quý vị ({ $total } hồ sơ, trang { $page }/{ $pages }). Chọn một hồ sơ để xem chi tiết:
my-line = { $code } · { $name } · { $status } · ngày gửi { $date }
detail =
    Mã hồ sơ: { $code }
    Trạng thái: { $status }
    Gửi lúc: { $submitted }
    Đối tượng: { $kind }, { $name }
    Đơn vị: { $unit }
    Lĩnh vực: { $category }
    Ngày diễn ra: { $date }
    Minh chứng: { $evidence } tệp
    Số điện thoại liên hệ: { $phone }
    Nội dung:
btn-withdraw = Rút đề xuất
btn-back-to-list = « Danh sách
withdraw-confirm = Quý vị có chắc muốn rút đề xuất { $code }? Sau khi rút, hồ sơ sẽ không được xem xét nữa.
btn-withdraw-yes = Rút đề xuất
btn-withdraw-no = Không rút
withdraw-done = Đã rút đề xuất { $code }. Trạng thái: Đã rút.
withdraw-not-allowed = Đề xuất đang ở trạng thái "{ $status }" nên không thể rút qua kênh này. Xin liên hệ UBND phường nếu cần.
nomination-not-found = Không tìm thấy đề xuất này trong danh sách của Quý vị.

## Trạng thái hồ sơ

status-received = Mới tiếp nhận
status-needs-info = Cần bổ sung
status-verifying = Đang xác minh
status-at-council = Đã trình Hội đồng
status-proposed = Đề nghị khen thưởng
status-forwarded = Chuyển cấp trên
status-rejected = Không đủ điều kiện
status-decided = Đã có Quyết định
status-awarded = Đã trao tặng
status-merged = Đã gộp với đề xuất khác
status-withdrawn = Đã rút

## Thử trong cửa sổ dòng lệnh (npm run chat)

terminal-intro = Trò chuyện thử với hệ thống tiếp nhận (không cần Telegram). Gõ số để chọn, /tep <đường dẫn> để đính kèm tệp, /thoat để thoát.
terminal-file-missing = Không tìm thấy tệp ở đường dẫn này.
numbered-out-of-range = Chỉ có các lựa chọn từ 1 đến { $last }. Xin gõ lại số thứ tự, hoặc gõ nội dung trả lời.
numbered-ambiguous = Có nhiều lựa chọn trùng tên (số { $numbers }). Xin gõ số thứ tự của lựa chọn Quý vị muốn.
numbered-hint-from = Gõ số từ { $first } đến { $last } để chọn, hoặc gõ nội dung.
numbered-hint =
    { $last ->
        [1] Gõ 1 để chọn, hoặc gõ nội dung.
       *[other] Gõ số từ 1 đến { $last } để chọn, hoặc gõ nội dung.
    }

## Lệnh dành cho cán bộ và quyền về dữ liệu

cmd-duyet = Duyệt hồ sơ (cán bộ đơn vị, Hội đồng)
cmd-dulieu = Xem dữ liệu hệ thống lưu về tôi
cmd-xoadulieu = Xóa dữ liệu của tôi
menu-review = Duyệt hồ sơ
menu-invite = Mời cán bộ

## Vai trò và lời mời

role-head = Lãnh đạo đơn vị
role-officer = Cán bộ phụ trách thi đua
role-council = Thành viên Hội đồng Thi đua – Khen thưởng
role-admin = Quản trị hệ thống
invite-granted-head = Quý vị đã được giao vai trò lãnh đạo đơn vị { $unit }. Quý vị có thể duyệt các đề xuất của đơn vị bằng nút "Duyệt hồ sơ" hoặc lệnh /duyet.
invite-granted-council = Quý vị đã được giao vai trò thành viên Hội đồng Thi đua – Khen thưởng. Quý vị có thể theo dõi và xử lý các hồ sơ đề nghị khen thưởng bằng lệnh /duyet.
invite-granted-admin = Quý vị đã được giao vai trò quản trị hệ thống. Dùng lệnh /moi để mời cán bộ.
invite-unknown = Mã mời không đúng. Xin kiểm tra lại đường dẫn đã nhận, hoặc liên hệ người gửi lời mời.
invite-expired = Lời mời này đã hết hạn. Xin liên hệ người gửi để nhận lời mời mới.
invite-used = Lời mời này đã được sử dụng. Xin liên hệ người gửi để nhận lời mời mới.
invite-revoked = Lời mời này đã bị thu hồi. Xin liên hệ người gửi nếu cần.
invite-rate-limited = Quý vị đã nhập sai mã mời nhiều lần. Xin thử lại sau một giờ.
invite-admin-only = Chỉ quản trị hệ thống và lãnh đạo đơn vị mới có thể mời cán bộ.
invite-choose-role = Quý vị muốn mời cán bộ với vai trò nào?
invite-choose-unit = Xin chọn đơn vị mà cán bộ được mời sẽ phụ trách:
invite-created = Đã tạo lời mời: { $role } { $unit }. Lời mời dùng một lần, có hiệu lực trong { $days } ngày. Xin gửi đường dẫn dưới đây cho đúng người được mời:
invite-code = Mã mời (trên Zalo, hoặc khi đường dẫn không mở được, người được mời dán mã này vào cuộc trò chuyện với hệ thống): { $code }

## Duyệt hồ sơ

rv-not-allowed = Chức năng này dành cho lãnh đạo đơn vị và Hội đồng Thi đua – Khen thưởng.
rv-not-found = Không tìm thấy hồ sơ này trong phạm vi Quý vị phụ trách.
rv-stale = Nút này không còn dùng được. Xin mở lại danh sách bằng lệnh /duyet.
rv-cancelled = Đã hủy thao tác.
rv-use-buttons = Xin dùng các nút bên dưới.
rv-scope-all = tất cả đơn vị
rv-overview-head = Hồ sơ đề xuất của { $scope }:
rv-overview-council = Hồ sơ đề nghị khen thưởng của { $scope }:
rv-count-line = { $status }: { $count }
rv-overview-empty = Hiện chưa có hồ sơ nào cần xử lý.
rv-overview-hint = Chọn một nhóm để xem danh sách, hồ sơ cũ nhất ở trên cùng.
rv-btn-status = { $status } ({ $count })
rv-queue-title = { $status }: { $total } hồ sơ, trang { $page }/{ $pages }. Hồ sơ cũ nhất ở trên cùng.
rv-queue-line = { $n }. { $code } · { $name } · { $unit } · ngày gửi { $date }{ $flags }
rv-flag-supplemented = {" "}· đã bổ sung
rv-flag-duplicate = {" "}· có thể trùng { $code }
rv-queue-empty = Không còn hồ sơ nào ở trạng thái "{ $status }".
rv-btn-select-many = Chọn nhiều hồ sơ
rv-btn-select = ☐ { $code }
rv-btn-selected = ☑ { $code }
rv-btn-select-end = Thôi chọn
rv-btn-bulk = { $action } ({ $count })
rv-select-hint = Bấm vào từng hồ sơ để chọn, rồi chọn thao tác áp dụng cho tất cả.
rv-select-none = Quý vị chưa chọn hồ sơ nào.
rv-btn-overview = « Tổng quan
rv-btn-back-to-list = « Danh sách
rv-btn-open = Xem hồ sơ
rv-card-head = Hồ sơ { $code } · { $status } · gửi lúc { $submitted }
rv-erased = (người đề xuất đã xóa dữ liệu)
rv-card-supplement = Bổ sung ngày { $date }: { $text } (kèm { $files } tệp)
rv-card-award = Hình thức đề nghị: { $form }
rv-card-decision = Quyết định số { $number } ngày { $date }
rv-card-reason = Lý do, ý kiến gần nhất: { $reason }
rv-card-merged = Đã gộp vào hồ sơ { $code }.
rv-card-endorsements = Có { $count } đề xuất khác trùng, được tính là ủng hộ hồ sơ này.
rv-card-possible-duplicate = Lưu ý: có thể trùng với hồ sơ { $code } (cùng người, cùng đơn vị, thời gian gần nhau).
rv-action-accept = Xác minh
rv-action-request-info = Yêu cầu bổ sung
rv-action-propose = Đề nghị khen thưởng
rv-action-reject = Không đủ điều kiện
rv-action-merge = Trùng hồ sơ
rv-action-table = Đưa ra Hội đồng
rv-action-forward = Chuyển cấp trên
rv-action-decide = Ghi Quyết định
rv-action-award = Đã trao tặng
rv-action-send-back = Trả về đơn vị
rv-action-supplement = Bổ sung
rv-action-withdraw = Rút đề xuất
rv-ask-reason-request-info = Xin chọn hoặc gõ nội dung cần người đề xuất bổ sung (áp dụng cho { $count } hồ sơ):
rv-ask-reason-reject = Xin chọn hoặc gõ lý do không đủ điều kiện (áp dụng cho { $count } hồ sơ):
rv-ask-reason-send-back = Xin gõ lý do trả hồ sơ về đơn vị:
rv-ask-reason-forward = Xin gõ ghi chú khi chuyển cấp trên:
rv-reason-too-short = Lý do quá ngắn. Xin ghi rõ hơn.
rv-ask-award-form = Xin chọn hình thức khen thưởng đề nghị:
rv-ask-decision = Xin gõ số và ngày của Quyết định khen thưởng, ví dụ: 123/QĐ-UBND ngày 20/11/2026
rv-decision-format = Chưa đọc được số và ngày Quyết định. Xin gõ theo mẫu: 123/QĐ-UBND ngày 20/11/2026
rv-decision-bad-date = Ngày của Quyết định chưa đúng (không được sau hôm nay). Xin gõ lại, ví dụ: 123/QĐ-UBND ngày 20/11/2026
rv-ask-duplicate = Hồ sơ này trùng với hồ sơ nào? Xin gõ mã hồ sơ gốc, ví dụ: NTV-2026-00042
rv-duplicate-not-found = Không tìm thấy hồ sơ "{ $code }" trong phạm vi Quý vị phụ trách.
rv-done = Đã chuyển { $count } hồ sơ ({ $codes }) sang trạng thái "{ $status }". Người đề xuất sẽ được thông báo.
rv-refused-not-allowed-from-status = Hồ sơ { $code } đã thay đổi trạng thái nên không thể thực hiện thao tác này. Xin mở lại hồ sơ.
rv-refused-not-your-role = Quý vị không có quyền thực hiện thao tác này với hồ sơ { $code }.
rv-refused-reason-required = Thao tác với hồ sơ { $code } cần có lý do.
rv-refused-form-required = Cần chọn hình thức khen thưởng cho hồ sơ { $code }.
rv-refused-decision-required = Cần số và ngày Quyết định cho hồ sơ { $code }.
rv-refused-duplicate-required = Cần mã hồ sơ gốc cho hồ sơ { $code }.
info-reason-need-evidence = Bổ sung ảnh hoặc giấy tờ minh chứng
info-reason-need-contact = Bổ sung thông tin liên hệ của người được đề xuất
info-reason-need-details = Mô tả cụ thể hơn thời gian, địa điểm, sự việc
info-reason-need-witness = Cho biết người chứng kiến và cách liên hệ
reject-reason-not-verified = Không xác minh được sự việc
reject-reason-out-of-area = Không thuộc phạm vi đơn vị
reject-reason-not-a-good-deed = Chưa đủ tiêu chuẩn biểu dương, khen thưởng
reject-reason-already-commended = Đã được khen thưởng cho việc này
award-giay-khen = Giấy khen
award-nguoi-tot-viec-tot = Danh hiệu "Người tốt, việc tốt"
award-bang-khen = Bằng khen
award-bieu-duong = Thư khen, biểu dương

## Thông báo

notify-status = Hồ sơ { $code } của Quý vị đã chuyển sang trạng thái: { $status }.
notify-reason = Lý do: { $reason }
notify-reason-needs-info = Nội dung cần bổ sung: { $reason }
notify-proposed = Đơn vị đã đề nghị hình thức khen thưởng: { $form }. Hồ sơ được chuyển lên Hội đồng Thi đua – Khen thưởng.
notify-decided = Quyết định khen thưởng số { $number } ngày { $date }.
notify-merged = Hồ sơ được gộp với hồ sơ { $code } về cùng một việc tốt; ý kiến của Quý vị được ghi nhận như một lời ủng hộ.
notify-needs-info-how = Xin bấm "Bổ sung thông tin" rồi gửi nội dung hoặc ảnh, tài liệu cần bổ sung.
btn-supplement = Bổ sung thông tin
notify-council-proposal = { $unit } đề nghị khen thưởng hồ sơ { $code }, hình thức: { $form }.
notify-head-supplemented = Người đề xuất đã bổ sung thông tin cho hồ sơ { $code }. Hồ sơ đã trở lại danh sách chờ duyệt.
notify-head-sent-back = Hội đồng đã trả hồ sơ { $code } về đơn vị để xác minh thêm.

## Bổ sung thông tin

sup-start = Xin gửi thông tin bổ sung cho hồ sơ { $code }: gõ nội dung và/hoặc gửi ảnh, tài liệu. Khi xong, xin bấm "Gửi bổ sung".
sup-hint = Xin gõ nội dung hoặc gửi ảnh, tài liệu, rồi bấm "Gửi bổ sung".
sup-got-text = Đã ghi nhận nội dung. Quý vị có thể gửi thêm, hoặc bấm "Gửi bổ sung".
sup-got-file = Đã nhận { $count } tệp. Quý vị có thể gửi thêm, hoặc bấm "Gửi bổ sung".
sup-empty = Quý vị chưa gửi nội dung bổ sung nào.
sup-done = Đã gửi thông tin bổ sung cho hồ sơ { $code }. Hồ sơ trở lại trạng thái "{ $status }" để đơn vị xem xét.
sup-cancelled = Đã hủy việc bổ sung. Quý vị có thể bổ sung lại từ thông báo của hồ sơ.
sup-not-needed = Hồ sơ { $code } đang ở trạng thái "{ $status }", hiện không cần bổ sung.
btn-supplement-send = Gửi bổ sung

## Dữ liệu cá nhân

data-none = Hệ thống không lưu dữ liệu nào về Quý vị.
data-title = Dữ liệu hệ thống đang lưu về Quý vị:
data-account = Tài khoản: { $channel } { $id }, từ { $since }; ngôn ngữ: { $locale }.
data-consent = Đồng ý xử lý dữ liệu lúc { $given }.
data-consent-withdrawn = Đồng ý lúc { $given }, đã rút lại lúc { $withdrawn }.
data-no-consent = Chưa có lần đồng ý xử lý dữ liệu nào.
data-draft = Một đề xuất đang điền dở (mục "{ $step }").
data-no-draft = Không có đề xuất nào đang điền dở.
data-nominations = Đề xuất đã gửi: { $count }
data-nomination-line = { $code } · { $status } · người đề xuất: { $name } · điện thoại: { $phone }
data-no-nominations = Chưa gửi đề xuất nào.
data-role = Vai trò: { $role } { $unit }
data-rights-hint = Quý vị có thể sửa thông tin bằng cách liên hệ UBND phường, hoặc xóa toàn bộ dữ liệu cá nhân bằng lệnh /xoadulieu.
erase-confirm = Quý vị có chắc muốn xóa dữ liệu cá nhân? Bản nháp sẽ bị xóa; trên các đề xuất đã gửi, họ tên và số điện thoại của Quý vị sẽ bị xóa, nội dung việc tốt vẫn được giữ để Hội đồng xem xét; sự đồng ý xử lý dữ liệu được ghi nhận là đã rút lại. Việc này không thể hoàn tác.
btn-erase-yes = Xóa dữ liệu
btn-erase-no = Không xóa
erase-kept = Dữ liệu của Quý vị được giữ nguyên.
erase-done = Đã xóa dữ liệu cá nhân của Quý vị ({ $count } đề xuất đã được ẩn danh). Xin cảm ơn Quý vị đã đồng hành.

## Đợt thi đua và nhắc hạn

reminder-title = Nhắc hạn { $campaign }: đơn vị { $unit } cần báo cáo, hạn chót ngày { $deadline } ({ $when }).
reminder-days-left = còn { $days } ngày
reminder-today = hôm nay là hạn cuối
reminder-late = đã quá hạn { $days } ngày
reminder-progress = Tình hình đề xuất của đơn vị: { $total } hồ sơ; { $received } hồ sơ mới chờ duyệt; { $verifying } đang xác minh hoặc chờ bổ sung; { $proposed } đã đề nghị khen thưởng.
reminder-how = Xin lập và nộp danh sách đề nghị khen thưởng của đơn vị bằng nút "Lập danh sách đề nghị" (hoặc lệnh /denghi). Nếu đơn vị không có đề xuất trong đợt này, xin bấm nút tương ứng. Nhắc hạn sẽ dừng khi đơn vị đã báo cáo.
btn-report-submitted = Đã nộp hồ sơ
btn-report-open-list = Lập danh sách đề nghị
btn-report-none = Không có đề xuất trong đợt này
campaign-reported-submitted = Đã ghi nhận: { $unit } đã nộp hồ sơ cho { $campaign }. Hệ thống sẽ không nhắc hạn đợt này nữa.
campaign-reported-none = Đã ghi nhận: { $unit } không có đề xuất trong { $campaign }. Hệ thống sẽ không nhắc hạn đợt này nữa.
campaign-already-reported = { $unit } đã báo cáo cho { $campaign } trước đó.
campaign-not-covered = { $unit } không thuộc phạm vi của đợt thi đua này.
campaign-closed = Đợt thi đua này đã kết thúc.
digest-title = { $campaign } (hạn { $deadline }): { $count } đơn vị chưa báo cáo.
digest-line = { $unit } · hạn { $deadline } · { $total } hồ sơ, { $received } chờ duyệt
unreachable-head = Không gửi được nhắc hạn cho lãnh đạo { $unit } ({ $campaign }): người nhận đã chặn hoặc rời khỏi kênh. Xin liên hệ trực tiếp.
unreachable-no-campaign = không rõ đợt
cmd-dotthidua = Đợt thi đua: tiến độ, gia hạn, tạo mới (Hội đồng)
menu-campaigns = Đợt thi đua
campaign-kind-regular = Thường xuyên
campaign-kind-thematic = Theo đợt, chuyên đề
campaign-kind-mid-year = Sơ kết 6 tháng
campaign-kind-year-end = Tổng kết năm
campaigns-title = Các đợt thi đua đang mở: { $count }.
campaigns-line = { $code } · { $name } ({ $kind }) · hạn { $deadline } · đã báo cáo { $reported }/{ $units } đơn vị
btn-campaign-new = Tạo đợt mới
btn-campaign-extend = Gia hạn cho một đơn vị
btn-campaign-lists = Danh sách đề nghị của các đơn vị
btn-campaign-close = Đóng đợt
campaign-detail = { $name } ({ $code }), hạn chung { $deadline }:
campaign-unit-waiting = { $unit }: chưa báo cáo, hạn { $deadline }
campaign-unit-reported-submitted = { $unit }: đã nộp hồ sơ
campaign-unit-reported-none = { $unit }: không có đề xuất
campaign-choose-unit = Xin chọn đơn vị cần gia hạn:
campaign-ask-extension = Xin gõ hạn mới cho đơn vị, theo dạng ngày/tháng/năm, ví dụ: 20/12/2026
campaign-extended = Đã gia hạn cho { $unit } đến ngày { $deadline }. Lịch nhắc hạn của đơn vị được tính lại theo hạn mới.
campaign-close-confirm = Quý vị có chắc muốn đóng đợt "{ $name }"? Các nhắc hạn chưa gửi sẽ bị hủy.
campaign-closed-done = Đã đóng đợt "{ $name }".
campaign-ask-name = Xin gõ tên đợt thi đua, ví dụ: Tổng kết phong trào thi đua năm 2026
campaign-name-length = Tên đợt cần từ 5 đến 150 ký tự. Xin gõ lại.
campaign-ask-kind = Đợt thi đua thuộc loại nào?
campaign-ask-deadline = Xin gõ hạn nộp hồ sơ của các đơn vị, theo dạng ngày/tháng/năm, ví dụ: 15/12/2026
campaign-date-format = Chưa đọc được ngày, hoặc ngày đã qua. Xin gõ theo dạng ngày/tháng/năm, ví dụ: 15/12/2026
campaign-created = Đã tạo đợt { $name } (mã { $code }), hạn { $deadline }, áp dụng cho { $units } phường, xã. Lãnh đạo các đơn vị sẽ được nhắc hạn trước 7, 3, 1 ngày và vào ngày hết hạn, lúc 8 giờ sáng.

## Danh sách xuất cho Hội đồng (XLSX, CSV)

export-title = DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG
export-place-date = Hà Nội, ngày { $day } tháng { $month } năm { $year }
export-columns-version = Mẫu cột phiên bản { $version }
export-creator = Hệ thống tiếp nhận đề xuất Người tốt, việc tốt
export-summary-sheet = Tổng hợp
export-total = Tổng
export-col-stt = STT
export-col-code = Mã hồ sơ
export-col-kind = Phân loại
export-col-name = Họ và tên / Tên tập thể
export-col-birth-year = Năm sinh
export-col-gender = Giới tính
export-col-role = Chức vụ / nghề nghiệp
export-col-unit = Đơn vị / nơi cư trú
export-col-category = Lĩnh vực
export-col-summary = Tóm tắt thành tích
export-col-award = Hình thức đề nghị
export-col-nominator = Người đề xuất
export-col-received = Ngày tiếp nhận
export-col-status = Trạng thái
export-col-unit-opinion = Ý kiến đơn vị
export-col-note = Ghi chú
export-col-source = Nguồn
export-source-resident = Người dân đề xuất
export-source-unit = Đơn vị đề nghị
status-list-proposed = Đơn vị đề nghị
status-list-returned = Hội đồng trả lại
status-list-accepted = Hội đồng đã tiếp nhận
export-household = Gia đình { $name }
export-nominator-erased = (đã xóa theo yêu cầu)
export-note-decision = Quyết định số { $number } ngày { $date }
export-note-merged = Trùng với hồ sơ { $code }
export-subject-range = Đề xuất tiếp nhận từ { $from } đến { $to }
export-subject-all = Tất cả đề xuất

## Xuất danh sách và thống kê

cmd-xuat = Xuất danh sách đề nghị (XLSX, CSV, ZIP)
cmd-thongke = Thống kê và biểu đồ
menu-export = Xuất danh sách
menu-stats = Thống kê
export-ask-campaign = Quý vị muốn xuất danh sách của đợt thi đua nào?
export-all-time = Tất cả đề xuất (không theo đợt)
export-ask-unit = Xuất cho đơn vị nào?
export-all-units = Tất cả đơn vị
export-ask-statuses = Những hồ sơ ở trạng thái nào?
export-statuses-all = Tất cả (trừ đã rút, đã gộp)
export-statuses-proposed = Đã đề nghị khen thưởng trở lên
export-statuses-new = Đang chờ xử lý (mới, cần bổ sung, đang xác minh)
export-ask-format = Xin chọn định dạng tệp:
export-format-xlsx = Excel (XLSX), mỗi đơn vị một trang
export-format-csv = CSV (mở được bằng Excel)
export-format-zip = ZIP: Excel kèm toàn bộ minh chứng
export-progress = Đang tạo tệp… { $percent }%
export-ready = Đã tạo danh sách gồm { $count } hồ sơ. Tệp được gửi ngay sau đây.
export-empty = Không có hồ sơ nào phù hợp với lựa chọn này, nên không tạo tệp.
export-too-large = Tệp vượt quá 50 MB, giới hạn gửi qua Telegram. Xin chọn ít đơn vị hơn hoặc định dạng Excel, hoặc nhờ quản trị hệ thống xuất giúp.
stats-empty = Chưa có đề xuất nào để thống kê.
stats-title = Thống kê đến ngày { $date }: { $total } đề xuất.
stats-by-status = Theo trạng thái:
stats-by-unit = Theo đơn vị:
stats-by-category = Theo lĩnh vực:
stats-line = { $label }: { $count }
stats-campaign = { $name }: { $reported }/{ $units } đơn vị đã báo cáo.
stats-not-reported = Chưa báo cáo: { $units }
stats-lists = Danh sách đề nghị của đơn vị: { $lists } danh sách đã nộp ({ $late } nộp muộn), { $entries } mục:
stats-chart-title = Đề xuất theo đơn vị và trạng thái
stats-chart-caption = Biểu đồ đề xuất theo đơn vị và trạng thái.

xp-stale = Nút này không còn dùng được. Xin bắt đầu lại bằng lệnh /xuat.
channel-telegram = Telegram
channel-other = kênh khác

## Danh sách đề nghị khen thưởng của đơn vị (/denghi)

cmd-denghi = Lập danh sách đề nghị khen thưởng của đơn vị
menu-proposals = Danh sách đề nghị
invite-granted-officer = Quý vị đã được giao vai trò cán bộ phụ trách thi đua của { $unit }. Quý vị có thể lập danh sách đề nghị khen thưởng bằng lệnh /denghi và duyệt đề xuất của người dân bằng lệnh /duyet.
invite-officer-choose-unit = Quý vị muốn mời cán bộ phụ trách thi đua cho đơn vị nào?

ask-entryKind = Quý vị muốn đề nghị khen thưởng cho cá nhân, tập thể hay hộ gia đình?
entry-kind-individual = Cá nhân
entry-kind-collective = Tập thể
entry-kind-household = Hộ gia đình
ask-entryName-individual =
    Xin nhập họ và tên cá nhân được đề nghị.
    Ví dụ: Nguyễn Văn An
ask-entryName-collective =
    Xin nhập tên tập thể được đề nghị.
    Ví dụ: Tổ dân phố số 5, Trường Tiểu học Tây Mỗ
ask-entryName-household =
    Xin nhập họ và tên chủ hộ gia đình được đề nghị.
    Ví dụ: Trần Thị Bình
ask-gender = Giới tính của người được đề nghị?
ask-gender-household = Chủ hộ là ông hay bà?
gender-male = Nam
gender-female = Nữ
ask-entryBirthYear =
    Năm sinh của người được đề nghị? Gõ 4 chữ số, ví dụ: 1980.
    Nếu không cần, bấm "Bỏ qua".
ask-entryRole =
    Chức vụ hoặc nghề nghiệp? Ví dụ: Tổ trưởng tổ dân phố, giáo viên.
    Nếu không cần, bấm "Bỏ qua".
ask-workplace =
    Nơi công tác hoặc tổ dân phố nơi cư trú? Ví dụ: Tổ dân phố số 3, phường Xuân Phương.
    Nếu không cần, bấm "Bỏ qua".
ask-workplace-household =
    Địa chỉ của hộ gia đình (tổ dân phố)? Ví dụ: Tổ dân phố số 3, phường Xuân Phương.
    Nếu không cần, bấm "Bỏ qua".
ask-title = Đề nghị danh hiệu hoặc hình thức khen thưởng nào? Danh sách dưới đây là các danh hiệu đợt thi đua này xét tặng.
form-answer-missing = Còn thiếu một thông tin bắt buộc, xin trả lời câu hỏi dưới đây trước.
btn-choose-kind-again = Chọn lại đối tượng
title-none-for-kind = Đợt thi đua này không xét danh hiệu nào cho đối tượng này. Xin chọn lại đối tượng, hoặc gõ /huy để bỏ mục này.
title-lao-dong-tien-tien = Lao động tiên tiến
title-chien-si-thi-dua-co-so = Chiến sĩ thi đua cơ sở
title-tap-the-lao-dong-tien-tien = Tập thể lao động tiên tiến
title-tap-the-lao-dong-xuat-sac = Tập thể lao động xuất sắc
title-gia-dinh-van-hoa = Gia đình văn hóa
title-to-dan-pho-van-hoa = Tổ dân phố văn hóa
title-giay-khen = Giấy khen
title-bang-khen = Bằng khen
title-nguoi-tot-viec-tot = Người tốt, việc tốt
title-bieu-duong = Biểu dương
ask-achievement =
    Xin tóm tắt thành tích (từ { $min } đến { $max } ký tự): kết quả nổi bật, số liệu cụ thể, thời gian.
    Ví dụ: Hoàn thành xuất sắc nhiệm vụ năm 2026; vận động 45 hộ hiến đất mở rộng ngõ 12; tổ chức 6 buổi sinh hoạt khuyến học.
achievement-too-short = Tóm tắt thành tích còn ngắn ({ $length } ký tự). Xin viết ít nhất { $min } ký tự, nêu kết quả cụ thể.
ask-report =
    Nếu có báo cáo thành tích đầy đủ, xin gửi tệp PDF hoặc Word, hoặc ảnh chụp từng trang (mỗi tệp tối đa { $mb } MB, tối đa { $max } tệp).
    Nếu chưa có, bấm "Không có".
ask-report-more = Đã nhận { $count }/{ $max } tệp báo cáo. Quý vị có thể gửi thêm, hoặc bấm "Xong".
report-received = Đã nhận tệp báo cáo thứ { $count } (tối đa { $max }). Quý vị có thể gửi thêm hoặc bấm "Xong".
btn-entry-report-none = Không có
entry-summary-title = Xin kiểm tra lại mục đề nghị:
entry-summary-hint = Bấm "Lưu vào danh sách" nếu thông tin đã đúng, hoặc "Sửa" để sửa một thông tin.
btn-entry-save = Lưu vào danh sách
field-entryKind = Đối tượng
field-entryName = Họ tên / tên tập thể
field-gender = Giới tính
field-entryBirthYear = Năm sinh
field-entryRole = Chức vụ, nghề nghiệp
field-workplace = Nơi công tác, cư trú
field-title = Danh hiệu, hình thức đề nghị
field-achievement = Tóm tắt thành tích
field-report = Báo cáo thành tích
help-entryKind = Cá nhân: một người. Tập thể: tổ dân phố, trường học, cơ quan, chi hội. Hộ gia đình: cho danh hiệu Gia đình văn hóa.
help-entryName = Gõ họ tên đầy đủ, có dấu. Với tập thể, gõ tên đầy đủ của tập thể.
help-gender = Giới tính dùng để ghi "Ông", "Bà" trong danh sách gửi Hội đồng.
help-entryBirthYear = Năm sinh giúp phân biệt những người trùng họ tên. Không bắt buộc.
help-entryRole = Chức vụ hoặc nghề nghiệp được ghi vào cột tương ứng của danh sách. Không bắt buộc.
help-workplace = Nơi công tác hoặc tổ dân phố được ghi vào cột "Đơn vị / nơi cư trú". Không bắt buộc.
help-title = Chỉ các danh hiệu, hình thức mà đợt thi đua này xét tặng cho loại đối tượng đã chọn mới được liệt kê.
help-achievement = Viết ngắn gọn như phần "trích ngang thành tích": kết quả nổi bật, có số liệu và thời gian.
help-report = Báo cáo thành tích đầy đủ không bắt buộc ở bước này; có thể gửi ảnh chụp từng trang.

nominee-male = Ông { $name }
nominee-female = Bà { $name }
nominee-household = Gia đình { $name }
nominee-household-male = Gia đình ông { $name }
nominee-household-female = Gia đình bà { $name }
pl-title = DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG
    { $campaign }
    Đơn vị: { $unit } · Hạn nộp: { $deadline }
pl-status-draft = Trạng thái: đang soạn, chưa nộp.
pl-status-submitted = Trạng thái: đã nộp ngày { $date }, đang chờ Hội đồng xem xét.
pl-status-submitted-late = Trạng thái: đã nộp ngày { $date } (nộp muộn), đang chờ Hội đồng xem xét.
pl-status-returned-list = Trạng thái: Hội đồng trả lại danh sách để hoàn thiện. Lý do: { $reason }
pl-status-returned-entries = Trạng thái: Hội đồng trả lại một số mục để hoàn thiện (xem các mục có ghi chú bên dưới).
pl-status-accepted = Trạng thái: Hội đồng đã tiếp nhận danh sách.
pl-entry-line = { $n }. { $nominee }{ $year } — { $title }{ $files }{ $source }{ $state }
pl-year = {" "}({ $year })
pl-files = {" "}· { $count } tệp
pl-no-title = chưa chọn danh hiệu
pl-from-resident = {" "}· từ đề xuất { $code }
pl-entry-returned = {" "}· trả lại: { $reason }
pl-entry-accepted = {" "}· đã tiếp nhận
pl-no-entries = Danh sách chưa có mục nào. Bấm "Thêm mục đề nghị" để bắt đầu.
pl-minutes-count = Biên bản họp bình xét: đã đính kèm { $count } tệp.
pl-minutes-none = Biên bản họp bình xét: chưa đính kèm.
pl-checks-title = Cần lưu ý trước khi nộp:
pl-problem-empty = Danh sách chưa có mục nào.
pl-problem-no-title = Mục { $n } chưa chọn danh hiệu hoặc hình thức khen thưởng.
pl-warn-duplicate = { $name } có mặt nhiều lần trong danh sách (các mục { $positions }). Nếu đề nghị hai danh hiệu khác nhau là có chủ ý, Quý vị vẫn có thể nộp.
pl-warn-duplicate-elsewhere = { $name } (mục { $n }) cũng có trong danh sách đã nộp của { $unit }.
pl-warn-title-not-awarded = Mục { $n }: đợt thi đua này không xét danh hiệu "{ $title }".
pl-warn-title-scope = Mục { $n }: danh hiệu "{ $title }" không dành cho { $kind ->
        [individual] cá nhân
        [collective] tập thể
       *[household] hộ gia đình
    }.
pl-warn-proportion = Số đề nghị "{ $title }" ({ $count }) vượt tỷ lệ { $percent }% so với số "{ $base }" ({ $baseCount }), tối đa { $max }.
pl-warn-no-minutes = Chưa đính kèm biên bản họp bình xét.
btn-pl-add = Thêm mục đề nghị
btn-pl-resume = Tiếp tục mục đang nhập
btn-pl-discard = Bỏ mục đang nhập
btn-pl-from-residents = Thêm từ đề xuất của người dân ({ $count })
btn-pl-minutes = Đính kèm biên bản họp
btn-pl-submit = Nộp danh sách
btn-pl-submit-anyway = Vẫn nộp danh sách
btn-pl-close = Đóng
btn-pl-back = « Danh sách
btn-pl-units = « Các đơn vị
btn-pl-remove = Xóa mục
btn-pl-open = Mở danh sách
pl-entry-button = Mục { $n }: { $name }
pl-entry-title = Mục { $n } của danh sách:
pl-from-resident-line = Từ đề xuất của người dân: { $code }
pl-entry-returned-line = Hội đồng trả lại mục này. Lý do: { $reason }
pl-remove-confirm = Xóa mục { $n } ({ $nominee }) khỏi danh sách?
pl-submit-confirm = Quý vị sắp nộp danh sách gồm { $count } mục. Sau khi nộp, danh sách không sửa được nữa, trừ khi Hội đồng trả lại.
pl-submit-late = Hạn nộp là ngày { $deadline } và đã qua: danh sách sẽ được ghi là nộp muộn. Nếu đơn vị đã được Hội đồng đồng ý gia hạn, xin đề nghị Hội đồng ghi nhận gia hạn trước khi nộp.
pl-checks-confirm = Xin lưu ý:
pl-residents-title = Các đề xuất của người dân mà đơn vị đã đề nghị khen thưởng ({ $count }). Bấm vào một đề xuất để thêm vào danh sách:
pl-minutes-ask = Xin gửi biên bản họp bình xét: tệp PDF hoặc Word, hoặc ảnh chụp từng trang. Gửi xong, bấm "Xong".
pl-minutes-more = Đã nhận { $count } tệp biên bản. Quý vị có thể gửi thêm trang, hoặc bấm "Xong".
pl-minutes-send-file = Xin gửi tệp hoặc ảnh chụp biên bản họp; gửi xong, bấm "Xong".
btn-pl-accept-all = Tiếp nhận cả danh sách
btn-pl-return-list = Trả lại danh sách
btn-pl-accept-entry = Tiếp nhận mục này
btn-pl-return-entry = Trả lại mục này
pl-campaign-title = { $campaign }: { $submitted }/{ $units } đơn vị đã nộp danh sách đề nghị.
pl-unit-none = { $unit }: chưa lập danh sách (hạn { $deadline })
pl-unit-draft = { $unit }: đang soạn, { $count } mục, chưa nộp (hạn { $deadline })
pl-unit-submitted = { $unit }: đã nộp, { $count } mục
pl-unit-submitted-late = { $unit }: đã nộp muộn, { $count } mục
pl-unit-returned = { $unit }: đã trả lại để hoàn thiện, { $count } mục
pl-unit-returned-late = { $unit }: đã trả lại để hoàn thiện (nộp muộn), { $count } mục
pl-unit-accepted = { $unit }: đã tiếp nhận, { $count } mục
pl-unit-accepted-late = { $unit }: đã tiếp nhận (nộp muộn), { $count } mục
pl-notice-submitted = { $unit } đã nộp danh sách đề nghị khen thưởng đợt "{ $campaign }" gồm { $count } mục.
pl-notice-submitted-late = { $unit } đã nộp danh sách đề nghị khen thưởng đợt "{ $campaign }" gồm { $count } mục, sau hạn nộp.
pl-notice-resubmitted = { $unit } đã hoàn thiện và nộp lại danh sách đề nghị khen thưởng đợt "{ $campaign }" gồm { $count } mục.
pl-notice-list-returned = Hội đồng Thi đua – Khen thưởng trả lại danh sách đề nghị đợt "{ $campaign }" để đơn vị hoàn thiện. Lý do: { $reason }
pl-notice-entry-returned = Hội đồng Thi đua – Khen thưởng trả lại mục { $n } ({ $name }) trong danh sách đề nghị đợt "{ $campaign }" để đơn vị hoàn thiện. Lý do: { $reason }
pl-notice-accepted = Hội đồng Thi đua – Khen thưởng đã tiếp nhận danh sách đề nghị đợt "{ $campaign }" của đơn vị ({ $count } mục).
pl-notice-resident-included = Đề xuất { $code } của Quý vị đã được { $unit } đưa vào danh sách đề nghị khen thưởng đợt "{ $campaign }" gửi Hội đồng Thi đua – Khen thưởng. Xin cảm ơn Quý vị.
pl-stale = Lựa chọn này không còn dùng được. Xin mở lại danh sách đề nghị bằng lệnh /denghi.
pl-not-allowed = Chức năng này dành cho lãnh đạo và cán bộ phụ trách thi đua của đơn vị.
pl-no-campaigns = Hiện không có đợt thi đua nào đang mở cho đơn vị của Quý vị.
pl-choose-campaign = Xin chọn đợt thi đua và đơn vị cần lập danh sách:
pl-council-choose-campaign = Xin chọn đợt thi đua để xem danh sách đề nghị của các đơn vị:
pl-draft-discarded = Đã bỏ mục đang nhập dở.
pl-draft-gone = Mục đang nhập không còn (đã quá hạn lưu hoặc đã bị bỏ). Xin thêm lại nếu cần.
pl-frozen = Danh sách đã nộp nên không sửa được nữa. Nếu cần sửa, xin đề nghị Hội đồng trả lại danh sách.
pl-entry-cancelled = Đã hủy, danh sách giữ nguyên như trước.
pl-entry-saved = Đã lưu mục { $n }: { $name }.
pl-entry-removed = Đã xóa mục khỏi danh sách. Các mục sau được đánh số lại.
pl-residents-none = Hiện không có đề xuất nào của người dân đã được đơn vị đề nghị khen thưởng mà chưa có trong danh sách.
pl-resident-unavailable = Đề xuất này không còn thêm được (đã có trong danh sách hoặc đã đổi trạng thái).
pl-resident-added = Đã thêm đề xuất { $code } thành mục { $n }. { $kind ->
        [collective] Xin mở mục này để kiểm tra tóm tắt thành tích.
       *[other] Xin mở mục này để bổ sung giới tính và kiểm tra tóm tắt thành tích.
    }
pl-cannot-submit = Chưa nộp được danh sách:
pl-campaign-closed = Đợt thi đua này đã kết thúc nên không nộp được danh sách nữa. Xin liên hệ Hội đồng Thi đua – Khen thưởng.
pl-already-submitted = Danh sách này đã được nộp rồi.
pl-submitted = Đã nộp danh sách đề nghị khen thưởng đợt "{ $campaign }" gồm { $count } mục. Hội đồng Thi đua – Khen thưởng đã được thông báo; nhắc hạn của đơn vị cho đợt này đã dừng.
pl-submitted-late = Đã nộp danh sách đề nghị khen thưởng đợt "{ $campaign }" gồm { $count } mục (nộp muộn). Hội đồng Thi đua – Khen thưởng đã được thông báo; nhắc hạn của đơn vị cho đợt này đã dừng.
pl-council-not-now = Danh sách này hiện không ở trạng thái chờ Hội đồng xem xét, nên không thực hiện được thao tác này.
pl-ask-return-reason = Xin gõ lý do trả lại danh sách (đơn vị sẽ nhận được lý do này):
pl-ask-return-entry-reason = Xin gõ lý do trả lại mục { $n } (đơn vị sẽ nhận được lý do này):
pl-reason-length = Lý do cần từ { $min } đến { $max } ký tự. Xin gõ lại.
pl-returned-done = Đã trả lại và thông báo cho đơn vị.
pl-accepted-done = Đã tiếp nhận danh sách và thông báo cho đơn vị.
pl-entry-accepted-done = Đã tiếp nhận mục này.

## Kênh chỉ có chữ (Zalo): không có nút, người dùng gõ số thứ tự hoặc lựa chọn

guide--text =
    Hướng dẫn gửi đề xuất "Người tốt, việc tốt":
    1. Chọn "Đề xuất người tốt, việc tốt" (hoặc gõ /decu) và đồng ý với việc xử lý dữ liệu.
    2. Trả lời lần lượt từng câu hỏi: người được đề xuất, đơn vị, việc làm tốt, ảnh hoặc tài liệu minh chứng, thông tin liên hệ của Quý vị.
    3. Kiểm tra bản tóm tắt, sửa nếu cần, rồi gõ "Gửi đề xuất". Quý vị sẽ nhận được mã hồ sơ, ví dụ NTV-2026-00042.
    4. Theo dõi tình trạng hồ sơ bằng lệnh /cuatoi.
consent-use-buttons--text = Xin gõ "Đồng ý" để bắt đầu, hoặc "Không đồng ý" nếu không muốn tiếp tục.
ask-nomineeBirthYear--text =
    Người được đề xuất sinh năm nào? (không bắt buộc)
    Ví dụ: 1975. Nếu không rõ, xin gõ "Bỏ qua".
birth-year-format--text = Năm sinh gồm 4 chữ số, ví dụ: { $year }. Nếu không rõ, xin gõ "Bỏ qua".
ask-deedDate--text =
    Việc làm tốt diễn ra vào ngày nào?
    Xin gõ theo dạng ngày/tháng/năm, ví dụ: 15/11/2026, hoặc trả lời bằng số thứ tự bên dưới.
text-too-short--text = Câu trả lời quá ngắn. Xin nhập rõ hơn, hoặc gõ "Bỏ qua".
ask-evidence--text =
    Quý vị có ảnh minh chứng không (ảnh chụp giấy biên nhận, bài báo, hiện trường…)?
    Xin gửi từng ảnh, tối đa { $max } ảnh. Nếu không có, xin gõ "Không có".
ask-evidence-more--text = Đã nhận { $count }/{ $max } ảnh minh chứng. Quý vị có thể gửi thêm, hoặc gõ "Xong" để sang bước tiếp theo.
evidence-received--text = Đã nhận ảnh thứ { $count } (tối đa { $max }). Quý vị có thể gửi thêm hoặc gõ "Xong".
evidence-received-full--text = Đã nhận đủ { $max } ảnh. Xin gõ "Xong" để tiếp tục.
evidence-send-file--text = Ở bước này, xin gửi ảnh (chụp giấy tờ, hiện trường…), hoặc gõ "Xong" nếu đã gửi đủ.
evidence-too-many--text = Mỗi đề xuất nhận tối đa { $max } tệp. Xin gõ "Xong" để tiếp tục.
ask-nominatorPhone--text =
    Xin cho biết số điện thoại để cán bộ phường liên hệ khi cần xác minh.
    Xin gõ số, ví dụ: 0912 345 678.
phone-not-own--text = Xin gửi số điện thoại của chính Quý vị bằng cách gõ số.
pledge-use-button--text = Xin gõ "Tôi xin cam đoan" để xác nhận, hoặc gõ /huy nếu muốn dừng.
summary-hint--text = Nếu thông tin đã đúng, xin gõ "Gửi đề xuất". Muốn sửa mục nào, xin gõ "Sửa".
summary-use-buttons--text = Xin trả lời bằng số thứ tự của lựa chọn bên dưới: "Gửi đề xuất", "Sửa" hoặc "Hủy".
choose-from-buttons--text = Xin trả lời bằng số thứ tự của một lựa chọn bên dưới, hoặc gõ đúng lựa chọn đó.
stale-button--text = Lựa chọn vừa gửi thuộc một câu hỏi trước. Câu hỏi hiện tại là:
help-nomineeBirthYear--text = Năm sinh giúp phân biệt người trùng tên. Không bắt buộc: nếu không rõ, gõ "Bỏ qua".
help-deedDate--text = Gõ ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2026, hoặc gõ "Hôm nay", "Hôm qua". Không nhập ngày trong tương lai.
help-evidence--text = Gửi ảnh chụp việc làm tốt, giấy biên nhận, bài báo… vào cuộc trò chuyện này, từng ảnh một; khi đủ, gõ "Xong". Không có minh chứng vẫn gửi đề xuất được.
help-nominatorPhone--text = Số điện thoại chỉ dùng để liên hệ xác minh đề xuất. Xin gõ số, ví dụ: 0912 345 678.
invite-granted-head--text = Quý vị đã được giao vai trò lãnh đạo đơn vị { $unit }. Quý vị có thể duyệt các đề xuất của đơn vị bằng cách gõ "Duyệt hồ sơ" hoặc lệnh /duyet.
rv-use-buttons--text = Xin trả lời bằng số thứ tự của lựa chọn bên dưới.
notify-needs-info-how--text = Xin gõ "Bổ sung thông tin" rồi gửi nội dung hoặc ảnh cần bổ sung (giấy tờ xin chụp ảnh từng trang).
sup-start--text = Xin gửi thông tin bổ sung cho hồ sơ { $code }: gõ nội dung và/hoặc gửi ảnh (giấy tờ xin chụp ảnh từng trang). Khi xong, xin gõ "Gửi bổ sung".
sup-hint--text = Xin gõ nội dung hoặc gửi ảnh, rồi gõ "Gửi bổ sung".
sup-got-text--text = Đã ghi nhận nội dung. Quý vị có thể gửi thêm, hoặc gõ "Gửi bổ sung".
sup-got-file--text = Đã nhận { $count } tệp. Quý vị có thể gửi thêm, hoặc gõ "Gửi bổ sung".
reminder-how--text = Xin lập và nộp danh sách đề nghị khen thưởng của đơn vị bằng cách gõ "Lập danh sách đề nghị" (hoặc lệnh /denghi). Nếu đơn vị không có đề xuất trong đợt này, xin gõ "Không có đề xuất trong đợt này". Nhắc hạn sẽ dừng khi đơn vị đã báo cáo.
ask-entryBirthYear--text =
    Năm sinh của người được đề nghị? Gõ 4 chữ số, ví dụ: 1980.
    Nếu không cần, gõ "Bỏ qua".
ask-entryRole--text =
    Chức vụ hoặc nghề nghiệp? Ví dụ: Tổ trưởng tổ dân phố, giáo viên.
    Nếu không cần, gõ "Bỏ qua".
ask-workplace--text =
    Nơi công tác hoặc tổ dân phố nơi cư trú? Ví dụ: Tổ dân phố số 3, phường Xuân Phương.
    Nếu không cần, gõ "Bỏ qua".
ask-workplace-household--text =
    Địa chỉ của hộ gia đình (tổ dân phố)? Ví dụ: Tổ dân phố số 3, phường Xuân Phương.
    Nếu không cần, gõ "Bỏ qua".
ask-report--text = 
    Nếu có báo cáo thành tích đầy đủ, xin chụp ảnh từng trang rồi gửi (tối đa { $max } ảnh).
    Nếu chưa có, gõ "Không có".
ask-report-more--text = Đã nhận { $count }/{ $max } tệp báo cáo. Quý vị có thể gửi thêm, hoặc gõ "Xong".
report-received--text = Đã nhận tệp báo cáo thứ { $count } (tối đa { $max }). Quý vị có thể gửi thêm hoặc gõ "Xong".
pl-minutes-ask--text = Xin chụp ảnh từng trang biên bản họp bình xét rồi gửi. Gửi xong, gõ "Xong".
pl-minutes-more--text = Đã nhận { $count } tệp biên bản. Quý vị có thể gửi thêm trang, hoặc gõ "Xong".
pl-minutes-send-file--text = Xin gửi ảnh chụp từng trang biên bản họp; gửi xong, gõ "Xong".

help-consent--text = Hệ thống cần sự đồng ý của Quý vị trước khi lưu bất kỳ thông tin nào. Gõ "Đồng ý" (hoặc số thứ tự) để bắt đầu; nếu không đồng ý, không có dữ liệu nào được lưu.
help-summary--text = Kiểm tra lại toàn bộ thông tin. Gõ "Sửa" để sửa một mục, "Gửi đề xuất" để gửi, "Hủy" để hủy (hoặc gõ số thứ tự).
rv-stale--text = Lựa chọn này không còn dùng được. Xin mở lại danh sách bằng lệnh /duyet.
rv-select-hint--text = Gõ số thứ tự của từng hồ sơ để chọn, rồi chọn thao tác áp dụng cho tất cả.
entry-summary-hint--text = Gõ "Lưu vào danh sách" nếu thông tin đã đúng, hoặc "Sửa" để sửa một thông tin.
pl-no-entries--text = Danh sách chưa có mục nào. Gõ "Thêm mục đề nghị" để bắt đầu.
pl-residents-title--text = Các đề xuất của người dân mà đơn vị đã đề nghị khen thưởng ({ $count }). Gõ số thứ tự của một đề xuất để thêm vào danh sách:
## Zalo

zalo-unsupported-sticker = Cảm ơn Quý vị. Hệ thống chỉ đọc được chữ và ảnh, chưa đọc được nhãn dán. Xin gõ câu trả lời, hoặc gõ "menu" để xem các việc có thể làm.
zalo-unsupported-sticker-phone = Cảm ơn Quý vị. Hệ thống chỉ đọc được chữ và ảnh, chưa đọc được nhãn dán. Xin gõ câu trả lời, hoặc gọi UBND phường theo số { $phone } nếu cần hỗ trợ.
zalo-unsupported-other = Trên Zalo, hệ thống chỉ nhận được chữ và ảnh, chưa nhận được tệp tài liệu, tin nhắn thoại hay video. Nếu là giấy tờ, xin chụp ảnh từng trang rồi gửi ảnh.
zalo-unsupported-other-phone = Trên Zalo, hệ thống chỉ nhận được chữ và ảnh, chưa nhận được tệp tài liệu, tin nhắn thoại hay video. Nếu là giấy tờ, xin chụp ảnh từng trang rồi gửi ảnh, hoặc liên hệ UBND phường theo số { $phone }.
zalo-files-elsewhere = Có { $count } tệp (tài liệu, biểu đồ hoặc tệp xuất) chưa gửi được qua Zalo. Xin xem trên Telegram, hoặc nhờ cán bộ xuất bằng dòng lệnh.

## Liên kết hai kênh (/lienket)

cmd-lienket = Liên kết tài khoản Zalo và Telegram (cán bộ)
channel-zalo = Zalo
link-roles-only = Liên kết hai kênh dành cho cán bộ đã được giao vai trò (lãnh đạo, cán bộ thi đua, Hội đồng), để nhận nhắc hạn trên cả Zalo và Telegram.
link-code = Mã liên kết của Quý vị: { $code } (dùng một lần, hiệu lực { $minutes } phút). Trên kênh còn lại (Zalo hoặc Telegram), xin gõ: /lienket { $code }
link-done = Đã liên kết với tài khoản { $channel } của Quý vị. Từ nay Quý vị có cùng vai trò và nhận nhắc hạn trên cả hai kênh.
link-unknown = Mã liên kết không đúng. Xin kiểm tra lại, hoặc gõ /lienket trên kênh kia để nhận mã mới.
link-expired = Mã liên kết đã hết hạn. Xin gõ /lienket trên kênh kia để nhận mã mới.
link-used = Mã liên kết này đã được dùng. Xin gõ /lienket trên kênh kia để nhận mã mới.
link-same-channel = Mã này được tạo trên chính kênh này. Xin gõ mã trên kênh còn lại (Zalo hoặc Telegram).
link-nothing = Không có vai trò nào để liên kết thêm: vai trò đã có ở tài khoản này, đã được liên kết với một tài khoản khác, hoặc là quyền quản trị theo cấu hình hệ thống.
link-rate-limited = Quý vị đã nhập sai mã nhiều lần. Xin thử lại sau một giờ.

## Chống gửi dồn dập (flood)

flood-slow-down = Quý vị đang gửi tin nhắn nhanh hơn mức hệ thống kịp xử lý. Các tin nhắn đã gửi vẫn được giữ lại và sẽ được trả lời lần lượt; xin vui lòng chờ trong giây lát rồi hãy gửi tiếp.
flood-refused = Quý vị đã gửi quá nhiều tin nhắn trong thời gian ngắn nên một số tin nhắn chưa được ghi nhận. Xin vui lòng chờ khoảng một phút, rồi gửi lại nội dung cần thiết.
