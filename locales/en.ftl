# English — second language; Vietnamese is the default.
# Form of address throughout: "you". Short button labels (one or two words). At most one emoji per message.
# The keys must match vi.ftl (checked by a test).

## Greetings and main menu

welcome =
    Hello! This is the ward People's Committee (UBND phường) channel for "Good people, good deeds" (Người tốt, việc tốt) nominations.
    You can nominate an individual, a group or a household for a good deed, so that the authorities can consider praising or rewarding them.

    Please choose an option below.
menu-prompt = Please choose an option below.
menu-nominate = Nominate a good deed
menu-mine = My nominations
menu-guide = Guide
menu-language = Ngôn ngữ / Language
guide =
    How to send a "Good people, good deeds" nomination:
    1. Choose "Nominate a good deed" (or type /decu) and agree to the processing of your data.
    2. Answer the questions one by one: the nominee, their ward or unit, the good deed, photos or documents as evidence, and your contact details.
    3. Check the summary, edit it if needed, then tap "Send". You will receive a reference code, for example NTV-2026-00042.
    4. Follow the status of your nomination with the /cuatoi command.

    Commands you can use while filling in the form:
    /trogiup — explain the current question
    /boqua — skip an optional question
    /sua — go back to the summary to edit
    /huy — cancel the nomination in progress
    Your answers are saved after each step. If you are interrupted, you can continue later.
language-choose = Xin chọn ngôn ngữ / Please choose a language:
language-vi = Tiếng Việt
language-en = English
language-set = Switched to English.

## Commands (shown in Telegram's command list)

cmd-decu = Nominate a good person or a good deed
cmd-cuatoi = View my nominations
cmd-huongdan = How to use this service
cmd-ngonngu = Change language
cmd-huy = Cancel the nomination in progress
cmd-sua = Go back to the summary to edit
cmd-trogiup = Explain the current question
cmd-boqua = Skip an optional question

## Consent to the processing of personal data

consent-text =
    Before you start, please read the following and tell us whether you agree to the processing of your personal data.

    Processed by: the ward People's Committee (UBND phường) where the nominee lives or works, through this channel.
    Data collected: your full name and phone number; information about the nominee and the good deed; the photos and documents you send.
    Purpose: to receive, verify and consider the nomination for commendation under the Law on Emulation and Commendation (Luật Thi đua, khen thưởng); it is not used for any other purpose.
    Retention: unsent drafts are deleted automatically after { $days } days without use; submitted nominations are kept while they are being considered and as required by the rules on archiving.
    Your rights (Law on Personal Data Protection No. 91/2025/QH15): to be informed, to give or refuse consent, to view and correct your data, to ask for it to be deleted, to withdraw your consent at any time, to object and to complain. While filling in the form, type /huy to stop and delete it; type /cuatoi to view or withdraw a nomination you have sent; for other requests, please contact the ward People's Committee.
    Please do not send citizen ID (căn cước) numbers or sensitive information (health, religion…).

    If you do not agree, the system will not store any information.
btn-consent-agree = Agree
btn-consent-decline = Decline
consent-declined = You have not agreed, so no information has been stored. When you are ready, choose "Nominate a good deed" to start again.
consent-use-buttons = Please tap "Agree" to start, or "Decline" if you do not wish to continue.

## The nominee

ask-nomineeKind = Would you like to nominate an individual, a group or a household?
kind-individual = Individual
kind-collective = Group
kind-household = Household
ask-nomineeName-individual =
    Please give the full name of the person you are nominating.
    Example: Nguyễn Văn An
ask-nomineeName-collective =
    Please give the name of the group you are nominating.
    Example: Tổ dân phố số 5 (residential group no. 5), Chi hội Phụ nữ tổ dân phố số 3 (a Women's Union branch)
ask-nomineeName-household =
    Please give the full name of the head of the household you are nominating.
    Example: Trần Thị Bình
nominee-name-empty = Please enter the nominee's full name, for example: Nguyễn Văn An.
collective-name-empty = Please enter the name of the group, for example: Tổ dân phố số 5.
name-too-long = The name is too long (maximum { $max } characters). Please check it.
name-letters-only = A name can only contain letters, with no digits or symbols. Example: Nguyễn Văn An.
name-full-please = Please enter the full name (family name and given name), for example: Nguyễn Văn An.

## Ward or unit

ask-unit =
    Which ward, residential group (tổ dân phố) or other unit does the nominee belong to?
    Please choose from the list, or type part of the name, with or without Vietnamese accents (for example: tu liem, Xuân Phương). Names of former wards from before the merger can also be found.
page-of = Page { $page }/{ $pages }
unit-formerly = { $name } (includes the former { $formerly })
ask-unit-within = Please choose a residential group or unit within { $name }. If you are not sure, choose the whole ward.
unit-search-results = Search results: { $count }. Please choose the right unit:
btn-unit-list = View list
btn-unit-whole = All of { $name }
btn-unit-back = « Back
btn-prev-page = « Previous
btn-next-page = Next »
unit-chosen = Unit: { $name }.
unit-not-found = This unit is no longer on the list. Please choose again.
unit-type-or-choose = Please choose a unit from the list or type part of its name.
unit-query-too-short = Please type at least 2 letters of the unit's name.
unit-not-found-query = No unit named "{ $query }" was found. Please check the spelling or choose from the list below.
unit-too-many = { $count } units match; the closest results are shown below. If you cannot see the one you need, please type a more specific name.

## Year of birth, position

ask-nomineeBirthYear =
    In what year was the nominee born? (optional)
    Example: 1975. If you do not know, please tap "Skip".
birth-year-format = A year of birth has 4 digits, for example: { $year }. If you do not know, please tap "Skip".
birth-year-future = The year of birth cannot be later than the current year. Please check it.
birth-year-too-old = This year of birth does not seem right. Please enter it again, for example: { $year }.
ask-nomineeRole =
    What is the nominee's position or occupation? (optional)
    Example: teacher, head of a residential group, ride-hailing driver.

## The good deed

ask-deedCategory = What kind of good deed was it?
category-lost-property = Returning lost property
category-rescue = Bravely rescuing people or property
category-security = Crime prevention, public order and safety
category-land-donation = Donating land for roads, funding public works
category-charity = Charity, humanitarian aid, blood donation
category-helping-needy = Helping people in difficulty
category-environment = Protecting the environment, civilised city life
category-education = Encouraging learning and talent
category-community-initiative = Initiatives for the community
category-disaster-epidemic = Natural disaster and epidemic response
category-other = Other
ask-deedDate =
    On what date did the good deed take place?
    Please type the date as day/month/year, for example: 15/11/2026, or tap a button below.
btn-today = Today
btn-yesterday = Yesterday
date-format = The date could not be read. Please type it as day/month/year, for example: 15/11/2026.
date-invalid = This date does not exist on the calendar (for example 31/02). Please check the day and month.
date-future = This date has not come yet. Please enter the date when the good deed took place, for example: 15/11/2026.
date-too-old = This channel accepts good deeds from the last { $years } years. For earlier deeds, please contact the ward People's Committee directly.
ask-deedPlace =
    Where did the good deed take place? (optional)
    Example: in front of Mỹ Đình market; số 12 ngõ 34 đường Lê Đức Thọ (No. 12, Lane 34, Lê Đức Thọ Street).
ask-description =
    Please describe the good deed: who did what, when, who was helped, and what the result was.
    At least { $min } characters, at most { $max } characters.
description-too-short = Your description is still short ({ $length } characters). Please give more detail, at least { $min } characters. Example: "On the morning of 15/11, Mr An found a wallet with VND 2,500,000 and some papers at the market, and took it to the ward police (Công an phường) so it could be returned to its owner."
description-too-long = Your description is { $length } characters long, over the limit of { $max } characters. Please shorten it; photos and documents can be sent at a later step.
text-too-short = This answer is too short. Please give more detail, or tap "Skip".
text-too-long = Your answer is { $length } characters long, over the limit of { $max } characters. Please shorten it.

## Evidence

ask-evidence =
    Do you have any photos or documents as evidence (receipts, newspaper articles, pictures…)?
    Please send them one at a time: up to { $max } files, each no larger than { $mb } MB. If you have none, please tap "None".
ask-evidence-more = { $count }/{ $max } evidence files received. You can send more, or tap "Done" to go to the next step.
btn-evidence-none = None
btn-evidence-clear = Remove files
btn-done = Done
evidence-received = File { $count } received (maximum { $max }). You can send more or tap "Done".
evidence-received-full = The maximum of { $max } files has been received. Please tap "Done" to continue.
evidence-cleared = The files you sent have been removed.
evidence-send-file = At this step, please send a photo or a document file, or tap "Done" if you have sent everything.
evidence-duplicate = This file has already been sent, so it was not added again.
evidence-too-many = Each nomination can include up to { $max } files. Please tap "Done" to continue.
evidence-too-large = This file is too large: each file must be no larger than { $mb } MB. Please send a photo or a smaller file.
evidence-wrong-type = The system accepts photos, PDF files and Word documents. For other file types, please take a photo or convert the file to PDF and send it again.
summary-evidence-count = { $count } file(s)

## The nominator

ask-nominatorName =
    Please give your full name (as the nominator).
    Example: Lê Thị Hoa
nominator-name-empty = Please enter your full name, for example: Lê Thị Hoa.
ask-nominatorPhone =
    Please give a phone number so that ward officials can contact you if they need to verify the nomination.
    You can type the number (for example: 0912 345 678) or tap "Share my number".
btn-share-phone = Share my number
phone-format = This phone number is not valid. Please enter a 10-digit mobile number (for example: 0912 345 678) or a landline number with its area code (for example: 024 3825 1234).
phone-length = The phone number has too few or too many digits. Mobile numbers have 10 digits, for example: 0912 345 678.
phone-not-own = Please share your own phone number with the "Share my number" button, or type the number.
contact-button-closed = Your phone number stays as it was.
phone-saved = Your phone number { $phone } has been recorded.
ask-nominatorRelation = What is your relationship to the nominee?
relation-family = Relative
relation-neighbour = Neighbour
relation-colleague = Colleague
relation-beneficiary = Person helped
relation-witness = Witness
relation-organisation = Organisation
relation-other = Other
ask-pledge =
    Please confirm that the information in this nomination is honest and true, and that you take responsibility for what you have provided.
    Under the Law on Emulation and Commendation, any commendation based on untrue information will be revoked.
btn-pledge = I confirm
pledge-use-button = Please tap "I confirm" to give your confirmation, or type /huy if you wish to stop.

## Summary, editing and sending

summary-title = Please check your nomination:
summary-line = { $label }: { $value }
summary-not-given = (not given)
summary-hint = If everything is correct, please tap "Send". To change an item, tap "Edit".
btn-submit = Send
btn-edit = Edit
btn-cancel = Cancel
summary-use-buttons = Please use the buttons below: "Send", "Edit" or "Cancel".
edit-choose-field = Which item would you like to change?
btn-back-to-summary = « Back to summary
field-nomineeKind = Nominee type
field-nomineeName = Name
field-unit = Ward/unit
field-nomineeBirthYear = Year of birth
field-nomineeRole = Position/occupation
field-deedCategory = Type of deed
field-deedDate = Date
field-deedPlace = Place
field-description = Description
field-evidence = Evidence
field-nominatorName = Nominator
field-nominatorPhone = Phone number
field-nominatorRelation = Relationship
step-name-consent = Data consent
step-name-pledge = Declaration
step-name-summary = Check and send
submitted =
    ✅ Your nomination has been received. Thank you!
    Reference code: { $code }
    Status: { $status }
    Please keep this reference code. You can follow your nomination with the /cuatoi command.

## General controls

btn-skip = Skip
skip-not-allowed = This question must be answered; it cannot be skipped.
choose-from-buttons = Please choose one of the buttons below.
type-the-answer = At this step, please type your answer as text.
unsupported-message = The system cannot read this type of message yet.
stale-button = That button belongs to an earlier question. The current question is:
edit-not-yet = You have not reached the review step yet. Please answer the question below; at the end you will see a summary where you can make changes.
cancel-confirm = Are you sure you want to cancel this nomination? Everything you have entered will be deleted.
btn-cancel-yes = Yes, cancel
btn-cancel-no = Continue
cancel-done = The nomination has been cancelled and the information you entered has been deleted.
cancel-kept = Please continue filling in the form.
resume-offer = You have an unfinished nomination (last saved { $saved }, at the "{ $step }" step). Would you like to continue or start again?
btn-resume-continue = Continue
btn-resume-restart = Start over
draft-restarted = The old draft has been deleted.
form-updated = The nomination form has just been updated. Answers that still apply have been kept; please answer the remaining questions.
nothing-to-cancel = You have no nomination in progress.
nothing-to-edit = You have no nomination in progress to edit.
nothing-to-skip = There is no question to skip.
not-in-form = Please choose an option below to start.
file-outside-form = To send photos or documents, please start a nomination first; you will be asked for evidence at the right step.
form-closed = This nomination has already ended or been sent. Please choose an option below.
error-generic = Sorry, the system is having a problem and could not process your last message. Everything you have entered is still saved; please try again in a few minutes.

## Help for each question (/trogiup)

help-consent = The system needs your consent before it stores any information. Tap "Agree" to start; if you do not agree, no data is stored.
help-nomineeKind = Choose "Individual" to nominate one person; "Group" to nominate a residential group, team, school or agency; "Household" to nominate a whole family.
help-nomineeName = Type the full name, with Vietnamese accents if possible. The system capitalises the first letter of each word.
help-unit = Choose the ward, then the residential group, or type part of the name (accents are optional), for example "xuan phuong". Since the 2025 merger, former ward names such as "Mỹ Đình 1" can still be found.
help-nomineeBirthYear = The year of birth helps to tell apart people with the same name. It is optional: if you do not know it, tap "Skip".
help-nomineeRole = The position or occupation helps officials verify the nomination more quickly. It is optional.
help-deedCategory = Choose the kind that best matches the good deed. If none fits, choose "Other".
help-deedDate = Type the date as day/month/year, for example 15/11/2026, or tap "Today" or "Yesterday". Dates in the future are not accepted.
help-deedPlace = Give the place where the good deed happened, to help with verification. It is optional.
help-description = Describe briefly: who did what, when, who was helped, and what the result was. If anyone witnessed it, please give their name and how to contact them.
help-evidence = Send photos, receipts, newspaper articles… using the app's attachment button. Send one file at a time; when you have finished, tap "Done". You can still send a nomination without evidence.
help-nominatorName = Your own full name, so that ward officials can contact you if needed.
help-nominatorPhone = Your phone number is used only to contact you about verifying the nomination. You can type the number or tap the button to share it.
help-nominatorRelation = Tell us how you know the nominee, for example as a neighbour or as someone they helped.
help-pledge = The declaration is required by the Law on Emulation and Commendation: any commendation based on untrue information will be revoked.
help-summary = Check all the information. Tap "Edit" to change an item, "Send" to send the nomination, or "Cancel" to cancel it.

## My nominations

my-empty = You have not sent any nominations yet.
my-title = Your nominations ({ $total } in total, page { $page }/{ $pages }). Choose one to see the details:
my-line = { $code } · { $name } · { $status } · sent { $date }
detail =
    Reference code: { $code }
    Status: { $status }
    Sent: { $submitted }
    Nominee: { $kind }, { $name }
    Ward/unit: { $unit }
    Type of deed: { $category }
    Date of the deed: { $date }
    Evidence: { $evidence } file(s)
    Contact phone: { $phone }
    Description:
btn-withdraw = Withdraw
btn-back-to-list = « Back to list
withdraw-confirm = Are you sure you want to withdraw nomination { $code }? Once it is withdrawn, it will no longer be considered.
btn-withdraw-yes = Yes, withdraw
btn-withdraw-no = Keep it
withdraw-done = Nomination { $code } has been withdrawn. Status: Withdrawn.
withdraw-not-allowed = This nomination has the status "{ $status }", so it cannot be withdrawn through this channel. Please contact the ward People's Committee if needed.
nomination-not-found = This nomination was not found in your list.

## Nomination statuses

status-received = Received
status-needs-info = More information needed
status-verifying = Being verified
status-at-council = Submitted to the council
status-proposed = Proposed for commendation
status-forwarded = Forwarded to the city
status-rejected = Not eligible
status-decided = Decision issued
status-awarded = Awarded
status-merged = Merged with another nomination
status-withdrawn = Withdrawn

## Trying it in the terminal (npm run chat)

terminal-intro = A test chat with the nomination service (no Telegram needed). Type a number to choose, /file <path> to attach a file, /exit to quit.
terminal-file-missing = No file was found at this path.
numbered-out-of-range = There are only options 1 to { $last }. Please type the number again, or type your answer.
numbered-ambiguous = Several options have that name (numbers { $numbers }). Please type the number of the one you mean.
numbered-hint-from = Type a number from { $first } to { $last } to choose, or type your answer.
numbered-hint =
    { $last ->
        [1] Type 1 to choose it, or type your answer.
       *[other] Type a number from 1 to { $last } to choose, or type your answer.
    }

## Commands for officials and data rights

cmd-duyet = Review nominations (unit officials, the council)
cmd-dulieu = View the data the system holds about me
cmd-xoadulieu = Delete my data
menu-review = Review nominations
menu-invite = Invite officials

## Roles and invitations

role-head = Unit head
role-officer = Emulation officer
role-council = Member of the Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng)
role-admin = System administrator
invite-granted-head = You have been given the role of unit head for { $unit }. You can review the unit's nominations with the "Review nominations" button or the /duyet command.
invite-granted-council = You have been made a member of the Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng). You can follow and process nominations for commendation with the /duyet command.
invite-granted-admin = You have been given the role of system administrator. Use the /moi command to invite officials.
invite-unknown = This invitation code is not valid. Please check the link you received, or contact the person who sent you the invitation.
invite-expired = This invitation has expired. Please contact the person who sent it to get a new one.
invite-used = This invitation has already been used. Please contact the person who sent it to get a new one.
invite-revoked = This invitation has been cancelled. Please contact the person who sent it if you need help.
invite-rate-limited = You have entered a wrong invitation code too many times. Please try again in an hour.
invite-admin-only = Only system administrators and unit heads can invite officials.
invite-choose-role = Which role would you like to invite the official to take on?
invite-choose-unit = Please choose the unit that the invited official will be responsible for:
invite-created = Invitation created: { $role } { $unit }. It can be used only once and is valid for { $days } days. Please send the link below only to the person you are inviting:
invite-code = Invitation code (on Zalo, or when the link does not open, the invited person pastes it into the chat with the bot): { $code }

## Reviewing nominations

rv-not-allowed = This function is for unit heads and the Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng).
rv-not-found = This nomination was not found among those you are responsible for.
rv-stale = This button can no longer be used. Please open the list again with the /duyet command.
rv-cancelled = The action has been cancelled.
rv-use-buttons = Please use the buttons below.
rv-scope-all = all units
rv-overview-head = Nominations for { $scope }:
rv-overview-council = Commendation proposals from { $scope }:
rv-count-line = { $status }: { $count }
rv-overview-empty = There are no nominations to process at the moment.
rv-overview-hint = Choose a group to see its list, with the oldest nominations at the top.
rv-btn-status = { $status } ({ $count })
rv-queue-title = { $status }: { $total } nomination(s), page { $page }/{ $pages }. The oldest are at the top.
rv-queue-line = { $n }. { $code } · { $name } · { $unit } · sent { $date }{ $flags }
rv-flag-supplemented = {" "}· information added
rv-flag-duplicate = {" "}· possible duplicate of { $code }
rv-queue-empty = There are no more nominations with the status "{ $status }".
rv-btn-select-many = Select several
rv-btn-select = ☐ { $code }
rv-btn-selected = ☑ { $code }
rv-btn-select-end = Stop selecting
rv-btn-bulk = { $action } ({ $count })
rv-select-hint = Tap each nomination to select it, then choose an action to apply to all of them.
rv-select-none = You have not selected any nominations.
rv-btn-overview = « Overview
rv-btn-back-to-list = « Back to list
rv-btn-open = View nomination
rv-card-head = Nomination { $code } · { $status } · sent { $submitted }
rv-erased = (the nominator has deleted their data)
rv-card-supplement = Information added on { $date }: { $text } ({ $files } file(s) attached)
rv-card-award = Proposed form of commendation: { $form }
rv-card-decision = Decision (Quyết định) No. { $number } of { $date }
rv-card-reason = Latest reason or comment: { $reason }
rv-card-merged = Merged into nomination { $code }.
rv-card-endorsements = { $count } other matching nomination(s) are counted as support for this nomination.
rv-card-possible-duplicate = Note: this may be a duplicate of nomination { $code } (same person, same unit, close in time).
rv-action-accept = Verify
rv-action-request-info = Request information
rv-action-propose = Propose award
rv-action-reject = Not eligible
rv-action-merge = Duplicate
rv-action-table = To council
rv-action-forward = Forward
rv-action-decide = Record decision
rv-action-award = Awarded
rv-action-send-back = Send back
rv-action-supplement = Add information
rv-action-withdraw = Withdraw
rv-ask-reason-request-info = Please choose or type what the nominator needs to add (this applies to { $count } nomination(s)):
rv-ask-reason-reject = Please choose or type the reason why the nomination is not eligible (this applies to { $count } nomination(s)):
rv-ask-reason-send-back = Please type the reason for returning the nomination to the unit:
rv-ask-reason-forward = Please type a note for forwarding the nomination to the higher level:
rv-reason-too-short = The reason is too short. Please give more detail.
rv-ask-award-form = Please choose the form of commendation to propose:
rv-ask-decision = Please type the number and date of the commendation Decision (Quyết định), for example: 123/QĐ-UBND, 20/11/2026
rv-decision-format = The number and date of the Decision could not be read. Please type them like this: 123/QĐ-UBND, 20/11/2026
rv-decision-bad-date = The date of the Decision is not valid (it cannot be later than today). Please type it again, for example: 123/QĐ-UBND, 20/11/2026
rv-ask-duplicate = Which nomination is this one a duplicate of? Please type the code of the original nomination, for example: NTV-2026-00042
rv-duplicate-not-found = Nomination "{ $code }" was not found among those you are responsible for.
rv-done = { $count } nomination(s) ({ $codes }) moved to the status "{ $status }". The nominators will be notified.
rv-refused-not-allowed-from-status = The status of nomination { $code } has changed, so this action cannot be carried out. Please open the nomination again.
rv-refused-not-your-role = You do not have permission to carry out this action on nomination { $code }.
rv-refused-reason-required = A reason is needed for this action on nomination { $code }.
rv-refused-form-required = Please choose a form of commendation for nomination { $code }.
rv-refused-decision-required = The number and date of the Decision are needed for nomination { $code }.
rv-refused-duplicate-required = The code of the original nomination is needed for nomination { $code }.
info-reason-need-evidence = Add photos or documents as evidence
info-reason-need-contact = Add contact details for the nominee
info-reason-need-details = Describe the time, place and events in more detail
info-reason-need-witness = Say who witnessed it and how to contact them
reject-reason-not-verified = The good deed could not be verified
reject-reason-out-of-area = Outside the unit's area of responsibility
reject-reason-not-a-good-deed = Does not yet meet the standard for praise or commendation
reject-reason-already-commended = Already commended for this deed
award-giay-khen = Certificate of merit (Giấy khen)
award-nguoi-tot-viec-tot = Title "Good person, good deed" (Người tốt, việc tốt)
award-bang-khen = Certificate of commendation (Bằng khen)
award-bieu-duong = Letter of praise (Thư khen)

## Notifications

notify-status = Your nomination { $code } now has the status: { $status }.
notify-reason-needs-info = What to add: { $reason }
notify-reason = Details: { $reason }
notify-proposed = The unit has proposed this form of commendation: { $form }. The nomination has been sent to the Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng).
notify-decided = Commendation Decision (Quyết định) No. { $number } of { $date }.
notify-merged = Your nomination has been merged with nomination { $code } about the same good deed; your view has been recorded as support for it.
notify-needs-info-how = Please tap "Add information", then send the text, photos or documents that are needed.
btn-supplement = Add information
notify-council-proposal = { $unit } proposes nomination { $code } for commendation, in the form of: { $form }.
notify-head-supplemented = The nominator has added information to nomination { $code }. The nomination is back in the list awaiting review.
notify-head-sent-back = The Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng) has returned nomination { $code } to the unit for further verification.

## Adding information

sup-start = Please send the additional information for nomination { $code }: type your text and/or send photos or documents. When you have finished, please tap "Send information".
sup-hint = Please type your text or send photos or documents, then tap "Send information".
sup-got-text = Your text has been recorded. You can send more, or tap "Send information".
sup-got-file = { $count } file(s) received. You can send more, or tap "Send information".
sup-empty = You have not sent any additional information yet.
sup-done = The additional information for nomination { $code } has been sent. The nomination is back to the status "{ $status }" so that the unit can review it.
sup-cancelled = Adding information has been cancelled. You can add information again from the nomination's notification.
sup-not-needed = Nomination { $code } has the status "{ $status }", so no additional information is needed at the moment.
btn-supplement-send = Send information

## Personal data

data-none = The system does not hold any data about you.
data-title = The data the system holds about you:
data-account = Account: { $channel } { $id }, since { $since }; language: { $locale }.
data-consent = Consent to data processing given on { $given }.
data-consent-withdrawn = Consent given on { $given }, withdrawn on { $withdrawn }.
data-no-consent = You have never given consent to data processing.
data-draft = One unfinished nomination (at the "{ $step }" step).
data-no-draft = No unfinished nominations.
data-nominations = Nominations sent: { $count }
data-nomination-line = { $code } · { $status } · nominator: { $name } · phone: { $phone }
data-no-nominations = You have not sent any nominations yet.
data-role = Role: { $role } { $unit }
data-rights-hint = You can correct your information by contacting the ward People's Committee (UBND phường), or delete all your personal data with the /xoadulieu command.
erase-confirm = Are you sure you want to delete your personal data? Your draft will be deleted. On the nominations you have sent, your full name and phone number will be deleted, but the description of the good deed will be kept for the Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng) to consider. Your consent to data processing will be recorded as withdrawn. This cannot be undone.
btn-erase-yes = Delete data
btn-erase-no = Keep data
erase-kept = Your data has been kept as it is.
erase-done = Your personal data has been deleted ({ $count } nomination(s) anonymised). Thank you for taking part.

## Campaigns and deadline reminders

reminder-title = Reminder for { $campaign }: { $unit } must report by { $deadline } ({ $when }).
reminder-days-left = { $days } day(s) left
reminder-today = today is the deadline
reminder-late = { $days } day(s) overdue
reminder-progress = The unit's nominations: { $total } in all; { $received } new, waiting for review; { $verifying } being verified or waiting for more information; { $proposed } proposed for commendation.
reminder-how = Please prepare and submit the unit's proposal list with "Prepare the proposal list" (or /denghi). If the unit has no nominations this time, press the matching button. Reminders stop once the unit has reported.
btn-report-submitted = Submitted
btn-report-open-list = Prepare the proposal list
btn-report-none = No nominations this time
campaign-reported-submitted = Recorded: { $unit } has submitted its dossier for { $campaign }. There will be no more reminders for this campaign.
campaign-reported-none = Recorded: { $unit } has no nominations in { $campaign }. There will be no more reminders for this campaign.
campaign-already-reported = { $unit } has already reported for { $campaign }.
campaign-not-covered = { $unit } is not covered by this campaign.
campaign-closed = This campaign has ended.
digest-title = { $campaign } (deadline { $deadline }): { $count } unit(s) have not reported.
digest-line = { $unit } · deadline { $deadline } · { $total } nomination(s), { $received } waiting for review
unreachable-head = A reminder could not reach the head of { $unit } ({ $campaign }): they blocked the bot or left it. Please contact them directly.
unreachable-no-campaign = campaign unknown
cmd-dotthidua = Campaigns: progress, extensions, new (council)
menu-campaigns = Campaigns
campaign-kind-regular = Regular (yearly)
campaign-kind-thematic = Thematic or time-boxed
campaign-kind-mid-year = Mid-year review
campaign-kind-year-end = Year-end review
campaigns-title = Open campaigns: { $count }.
campaigns-line = { $code } · { $name } ({ $kind }) · deadline { $deadline } · { $reported }/{ $units } units reported
btn-campaign-new = New campaign
btn-campaign-extend = Extend for a unit
btn-campaign-lists = Units' proposal lists
btn-campaign-close = Close
campaign-detail = { $name } ({ $code }), deadline { $deadline }:
campaign-unit-waiting = { $unit }: not reported, deadline { $deadline }
campaign-unit-reported-submitted = { $unit }: dossier submitted
campaign-unit-reported-none = { $unit }: no nominations
campaign-choose-unit = Please choose the unit whose deadline you want to extend:
campaign-ask-extension = Please type the unit's new deadline as day/month/year, for example: 20/12/2026
campaign-extended = The deadline of { $unit } is now { $deadline }. Its reminders follow the new date.
campaign-close-confirm = Do you really want to close "{ $name }"? Reminders not yet sent will be cancelled.
campaign-closed-done = "{ $name }" is closed.
campaign-ask-name = Please type the campaign's name, for example: Year-end review of the 2026 emulation movement
campaign-name-length = The name needs 5 to 150 characters. Please type it again.
campaign-ask-kind = What kind of campaign is it?
campaign-ask-deadline = Please type the units' deadline as day/month/year, for example: 15/12/2026
campaign-date-format = That date could not be read, or it has passed. Please type it as day/month/year, for example: 15/12/2026
campaign-created = Created { $name } (code { $code }), deadline { $deadline }, for { $units } wards and communes. Unit heads will be reminded 7, 3 and 1 days before and on the day, at 8 a.m.

## The council's lists (XLSX, CSV): official Vietnamese documents, kept in Vietnamese

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
export-col-source = Source
export-source-resident = Resident's nomination
export-source-unit = Unit's proposal
status-list-proposed = Proposed by the unit
status-list-returned = Returned by the council
status-list-accepted = Accepted by the council
export-household = Gia đình { $name }
export-nominator-erased = (đã xóa theo yêu cầu)
export-note-decision = Quyết định số { $number } ngày { $date }
export-note-merged = Trùng với hồ sơ { $code }
export-subject-range = Nominations received from { $from } to { $to }
export-subject-all = All nominations

## Exports and statistics

cmd-xuat = Export the nomination list (XLSX, CSV, ZIP)
cmd-thongke = Statistics and a chart
menu-export = Export list
menu-stats = Statistics
export-ask-campaign = Which campaign's list would you like to export?
export-all-time = All nominations (any campaign)
export-ask-unit = For which unit?
export-all-units = All units
export-ask-statuses = Nominations in which statuses?
export-statuses-all = All (except withdrawn and merged)
export-statuses-proposed = Proposed for commendation and later
export-statuses-new = Still being handled (new, more information needed, being verified)
export-ask-format = Please choose the file format:
export-format-xlsx = Excel (XLSX), one sheet per unit
export-format-csv = CSV (opens in Excel)
export-format-zip = ZIP: Excel with all the evidence
export-progress = Creating the file… { $percent }%
export-ready = The list has { $count } nomination(s). The file follows.
export-empty = No nomination matches this choice, so no file was created.
export-too-large = The file is over 50 MB, Telegram's upload limit. Please choose fewer units or the XLSX format, or ask an admin to run npm run export.
stats-empty = There are no nominations to count yet.
stats-title = Statistics as of { $date }: { $total } nomination(s).
stats-by-status = By status:
stats-by-unit = By unit:
stats-by-category = By category:
stats-line = { $label }: { $count }
stats-campaign = { $name }: { $reported }/{ $units } units have reported.
stats-not-reported = Not reported yet: { $units }
stats-lists = Units' proposal lists: { $lists } submitted ({ $late } late), { $entries } entries:
stats-chart-title = Nominations by unit and status
stats-chart-caption = Chart of nominations by unit and status.

xp-stale = This button can no longer be used. Please start again with /xuat.
channel-telegram = Telegram
channel-other = another channel

## A unit's proposal list (/denghi)

cmd-denghi = Prepare the unit's proposal list for commendation
menu-proposals = Proposal list
invite-granted-officer = You are now the emulation officer of { $unit }. You can prepare the unit's proposal list with /denghi and review residents' nominations with /duyet.
invite-officer-choose-unit = Which unit do you want to invite an emulation officer for?

ask-entryKind = Is this proposal for an individual, a collective or a household?
entry-kind-individual = Individual
entry-kind-collective = Collective
entry-kind-household = Household
ask-entryName-individual =
    Please type the full name of the person proposed.
    Example: Nguyễn Văn An
ask-entryName-collective =
    Please type the name of the collective proposed.
    Example: Tổ dân phố số 5, Trường Tiểu học Tây Mỗ
ask-entryName-household =
    Please type the full name of the head of the household proposed.
    Example: Trần Thị Bình
ask-gender = The person's gender?
ask-gender-household = Is the head of the household a man or a woman?
gender-male = Male
gender-female = Female
ask-entryBirthYear =
    Year of birth? Type 4 digits, for example 1980.
    If not needed, press "Skip".
ask-entryRole =
    Position or occupation? For example: head of a residential group, teacher.
    If not needed, press "Skip".
ask-workplace =
    Workplace, or the residential group where the person lives? For example: Tổ dân phố số 3, phường Xuân Phương.
    If not needed, press "Skip".
ask-workplace-household =
    The household's address (residential group)? For example: Tổ dân phố số 3, phường Xuân Phương.
    If not needed, press "Skip".
ask-title = Which title or form of commendation is proposed? The list shows what this campaign awards.
form-answer-missing = A required answer is missing; please answer the question below first.
btn-choose-kind-again = Choose another kind
title-none-for-kind = This campaign awards no title to this kind of nominee. Please choose another kind, or type /huy to drop this entry.
title-lao-dong-tien-tien = Advanced Worker (Lao động tiên tiến)
title-chien-si-thi-dua-co-so = Grassroots Emulation Fighter (Chiến sĩ thi đua cơ sở)
title-tap-the-lao-dong-tien-tien = Advanced Labour Collective
title-tap-the-lao-dong-xuat-sac = Excellent Labour Collective
title-gia-dinh-van-hoa = Cultured Family (Gia đình văn hóa)
title-to-dan-pho-van-hoa = Cultured Residential Group
title-giay-khen = Certificate of merit (Giấy khen)
title-bang-khen = Certificate of merit (Bằng khen)
title-nguoi-tot-viec-tot = Good Person, Good Deed
title-bieu-duong = Public commendation (biểu dương)
ask-achievement =
    Please summarise the achievements ({ $min } to { $max } characters): the main results, with figures and dates.
    Example: Completed the 2026 tasks with distinction; persuaded 45 households to donate land to widen lane 12; organised 6 study-promotion meetings.
achievement-too-short = The summary is still short ({ $length } characters). Please write at least { $min } characters with concrete results.
ask-report =
    If there is a full achievement report, please send it as a PDF or Word file, or photos of each page (up to { $mb } MB per file, at most { $max } files).
    If there is none, press "None".
ask-report-more = { $count }/{ $max } report files received. You may send more, or press "Done".
report-received = Report file { $count } received (at most { $max }). You may send more or press "Done".
btn-entry-report-none = None
entry-summary-title = Please check the entry:
entry-summary-hint = Press "Save to the list" if it is correct, or "Edit" to change something.
btn-entry-save = Save to the list
field-entryKind = Nominee
field-entryName = Name
field-gender = Gender
field-entryBirthYear = Year of birth
field-entryRole = Position, occupation
field-workplace = Workplace, residence
field-title = Proposed title or form
field-achievement = Achievement summary
field-report = Achievement report
help-entryKind = Individual: one person. Collective: a residential group, school, office or association. Household: for the Cultured Family title.
help-entryName = Type the full name with diacritics. For a collective, type its full name.
help-gender = The gender is used to write "Ông" or "Bà" in the list sent to the council.
help-entryBirthYear = The year of birth tells apart people with the same name. Optional.
help-entryRole = The position or occupation goes into its column of the list. Optional.
help-workplace = The workplace or residential group goes into the "Unit / residence" column. Optional.
help-title = Only the titles and forms this campaign awards to the chosen kind of nominee are listed.
help-achievement = Write it briefly, like the one-row summary (trích ngang): main results, with figures and dates.
help-report = A full achievement report is optional at this step; photos of the pages are fine.

nominee-male = Mr { $name }
nominee-female = Ms { $name }
nominee-household = The family of { $name }
nominee-household-male = The family of Mr { $name }
nominee-household-female = The family of Ms { $name }
pl-title = PROPOSAL LIST FOR COMMENDATION
    { $campaign }
    Unit: { $unit } · Deadline: { $deadline }
pl-status-draft = Status: being prepared, not submitted.
pl-status-submitted = Status: submitted on { $date }, awaiting the council.
pl-status-submitted-late = Status: submitted on { $date } (late), awaiting the council.
pl-status-returned-list = Status: the council returned the list to be completed. Reason: { $reason }
pl-status-returned-entries = Status: the council returned some entries to be completed (see the notes below).
pl-status-accepted = Status: the council has accepted the list.
pl-entry-line = { $n }. { $nominee }{ $year } — { $title }{ $files }{ $source }{ $state }
pl-year = {" "}({ $year })
pl-files = {" "}· { $count } files
pl-no-title = no title chosen
pl-from-resident = {" "}· from nomination { $code }
pl-entry-returned = {" "}· returned: { $reason }
pl-entry-accepted = {" "}· accepted
pl-no-entries = The list has no entries yet. Press "Add an entry" to begin.
pl-minutes-count = Meeting minutes: { $count } files attached.
pl-minutes-none = Meeting minutes: not attached.
pl-checks-title = To look at before submitting:
pl-problem-empty = The list has no entries.
pl-problem-no-title = Entry { $n } has no title or form of commendation.
pl-warn-duplicate = { $name } appears more than once (entries { $positions }). If two different titles are intended, you may still submit.
pl-warn-duplicate-elsewhere = { $name } (entry { $n }) is also on the submitted list of { $unit }.
pl-warn-title-not-awarded = Entry { $n }: this campaign does not award "{ $title }".
pl-warn-title-scope = Entry { $n }: "{ $title }" is not for { $kind ->
        [individual] an individual
        [collective] a collective
       *[household] a household
    }.
pl-warn-proportion = The number of "{ $title }" ({ $count }) exceeds { $percent }% of "{ $base }" ({ $baseCount }); at most { $max }.
pl-warn-no-minutes = The meeting minutes are not attached.
btn-pl-add = Add an entry
btn-pl-resume = Continue the entry
btn-pl-discard = Drop the entry
btn-pl-from-residents = Add from residents' nominations ({ $count })
btn-pl-minutes = Attach the minutes
btn-pl-submit = Submit the list
btn-pl-submit-anyway = Submit anyway
btn-pl-close = Close
btn-pl-back = « List
btn-pl-units = « Units
btn-pl-remove = Remove
btn-pl-open = Open the list
pl-entry-button = Entry { $n }: { $name }
pl-entry-title = Entry { $n } of the list:
pl-from-resident-line = From a resident's nomination: { $code }
pl-entry-returned-line = The council returned this entry. Reason: { $reason }
pl-remove-confirm = Remove entry { $n } ({ $nominee }) from the list?
pl-submit-confirm = You are about to submit a list of { $count } entries. Once submitted it cannot be changed unless the council returns it.
pl-submit-late = The deadline was { $deadline } and has passed: the list will be marked late. If the council agreed to an extension, please ask it to record the extension before submitting.
pl-checks-confirm = Please note:
pl-residents-title = Residents' nominations the unit proposed for commendation ({ $count }). Press one to add it to the list:
pl-minutes-ask = Please send the meeting minutes: a PDF or Word file, or photos of each page. Press "Done" when finished.
pl-minutes-more = { $count } minutes files received. You may send more pages, or press "Done".
pl-minutes-send-file = Please send a file or photo of the minutes; press "Done" when finished.
btn-pl-accept-all = Accept the whole list
btn-pl-return-list = Return the list
btn-pl-accept-entry = Accept this entry
btn-pl-return-entry = Return this entry
pl-campaign-title = { $campaign }: { $submitted }/{ $units } units have submitted their proposal lists.
pl-unit-none = { $unit }: no list yet (deadline { $deadline })
pl-unit-draft = { $unit }: being prepared, { $count } entries, not submitted (deadline { $deadline })
pl-unit-submitted = { $unit }: submitted, { $count } entries
pl-unit-submitted-late = { $unit }: submitted late, { $count } entries
pl-unit-returned = { $unit }: returned to be completed, { $count } entries
pl-unit-returned-late = { $unit }: returned to be completed (late), { $count } entries
pl-unit-accepted = { $unit }: accepted, { $count } entries
pl-unit-accepted-late = { $unit }: accepted (late), { $count } entries
pl-notice-submitted = { $unit } submitted its proposal list for "{ $campaign }" with { $count } entries.
pl-notice-submitted-late = { $unit } submitted its proposal list for "{ $campaign }" with { $count } entries, after the deadline.
pl-notice-resubmitted = { $unit } completed and resubmitted its proposal list for "{ $campaign }" with { $count } entries.
pl-notice-list-returned = The Emulation and Commendation Council returned the proposal list for "{ $campaign }" to be completed. Reason: { $reason }
pl-notice-entry-returned = The Emulation and Commendation Council returned entry { $n } ({ $name }) of the proposal list for "{ $campaign }" to be completed. Reason: { $reason }
pl-notice-accepted = The Emulation and Commendation Council accepted the unit's proposal list for "{ $campaign }" ({ $count } entries).
pl-notice-resident-included = Your nomination { $code } has been included by { $unit } in its proposal list for "{ $campaign }" sent to the Emulation and Commendation Council. Thank you.
pl-stale = This option can no longer be used. Please open the proposal list again with /denghi.
pl-not-allowed = This is for the heads and emulation officers of units.
pl-no-campaigns = No emulation campaign is open for your unit at the moment.
pl-choose-campaign = Please choose the campaign and unit of the list:
pl-council-choose-campaign = Please choose a campaign to see the units' proposal lists:
pl-draft-discarded = The unfinished entry was dropped.
pl-draft-gone = The entry being typed is gone (it expired or was dropped). Please add it again if needed.
pl-frozen = The list has been submitted and cannot be changed. To change it, ask the council to return it.
pl-entry-cancelled = Cancelled; the list is unchanged.
pl-entry-saved = Entry { $n } saved: { $name }.
pl-entry-removed = The entry was removed. The following entries were renumbered.
pl-residents-none = No resident's nomination proposed by the unit is waiting to be added.
pl-resident-unavailable = This nomination can no longer be added (it is already on a list or its status changed).
pl-resident-added = Nomination { $code } added as entry { $n }. { $kind ->
        [collective] Please open it to check the summary.
       *[other] Please open it to add the gender and check the summary.
    }
pl-cannot-submit = The list cannot be submitted yet:
pl-campaign-closed = This campaign has closed, so the list can no longer be submitted. Please contact the council.
pl-already-submitted = This list has already been submitted.
pl-submitted = The proposal list for "{ $campaign }" with { $count } entries has been submitted. The council has been told; the unit's reminders for this campaign have stopped.
pl-submitted-late = The proposal list for "{ $campaign }" with { $count } entries has been submitted (late). The council has been told; the unit's reminders for this campaign have stopped.
pl-council-not-now = This list is not awaiting the council, so this cannot be done now.
pl-ask-return-reason = Please type why the list is returned (the unit will see it):
pl-ask-return-entry-reason = Please type why entry { $n } is returned (the unit will see it):
pl-reason-length = The reason must be { $min } to { $max } characters. Please type it again.
pl-returned-done = Returned; the unit has been told.
pl-accepted-done = The list has been accepted; the unit has been told.
pl-entry-accepted-done = The entry has been accepted.

## Text-only channels (Zalo): no buttons, people type the number or the option

guide--text =
    How to send a "Good people, good deeds" nomination:
    1. Choose "Nominate a good deed" (or type /decu) and agree to the processing of your data.
    2. Answer the questions one by one: the nominee, their ward or unit, the good deed, photos or documents as evidence, and your contact details.
    3. Check the summary, edit it if needed, then type "Send". You will receive a reference code, for example NTV-2026-00042.
    4. Follow the status of your nomination with the /cuatoi command.
consent-use-buttons--text = Please type "Agree" to start, or "Decline" if you do not wish to continue.
ask-nomineeBirthYear--text =
    In what year was the nominee born? (optional)
    Example: 1975. If you do not know, please type "Skip".
birth-year-format--text = A year of birth has 4 digits, for example: { $year }. If you do not know, please type "Skip".
ask-deedDate--text =
    On what date did the good deed take place?
    Please type the date as day/month/year, for example: 15/11/2026, or answer with the number of an option below.
text-too-short--text = This answer is too short. Please give more detail, or type "Skip".
ask-evidence--text =
    Do you have photos as evidence (of a receipt, a newspaper article, the scene…)?
    Please send them one at a time, at most { $max }. If there are none, please type "None".
ask-evidence-more--text = { $count }/{ $max } photos received. You may send more, or type "Done" to go on.
evidence-received--text = Photo { $count } received (at most { $max }). You may send more or type "Done".
evidence-received-full--text = All { $max } photos received. Please type "Done" to continue.
evidence-send-file--text = At this step, please send photos (of papers, of the scene…), or type "Done" if you have sent them all.
evidence-too-many--text = Each nomination can include up to { $max } files. Please type "Done" to continue.
ask-nominatorPhone--text =
    Please give a phone number so that ward officials can contact you if they need to verify the nomination.
    Please type the number, for example: 0912 345 678.
phone-not-own--text = Please share your own phone number by typing the number.
pledge-use-button--text = Please type "I confirm" to give your confirmation, or type /huy if you wish to stop.
summary-hint--text = If everything is correct, please type "Send". To change an item, type "Edit".
summary-use-buttons--text = Please answer with the number of an option below: "Send", "Edit" or "Cancel".
choose-from-buttons--text = Please answer with the number of an option below, or type the option.
stale-button--text = That answer belongs to an earlier question. The current question is:
help-nomineeBirthYear--text = The year of birth helps to tell apart people with the same name. It is optional: if you do not know it, type "Skip".
help-deedDate--text = Type the date as day/month/year, for example 15/11/2026, or type "Today" or "Yesterday". Dates in the future are not accepted.
help-evidence--text = Send photos of the deed, receipts, newspaper articles… into this chat, one at a time; when you have finished, type "Done". You can send a nomination without evidence.
help-nominatorPhone--text = Your phone number is used only to contact you about verifying the nomination. Please type it, for example: 0912 345 678.
invite-granted-head--text = You have been given the role of unit head for { $unit }. You can review the unit's nominations by typing "Review nominations" or the /duyet command.
rv-use-buttons--text = Please answer with the number of an option below.
notify-needs-info-how--text = Please type "Add information", then send the text or photos that are needed (photograph each page of a paper document).
sup-start--text = Please send the additional information for nomination { $code }: type it and/or send photos (photograph each page of a paper document). When you have finished, please type "Send addition".
sup-hint--text = Please type the information or send photos, then type "Send addition".
sup-got-text--text = Your text has been recorded. You can send more, or type "Send information".
sup-got-file--text = { $count } file(s) received. You can send more, or type "Send information".
reminder-how--text = Please prepare and submit the unit's proposal list by typing "Prepare the proposal list" (or /denghi). If the unit has no nominations this time, type "No nominations this time". Reminders stop once the unit has reported.
ask-entryBirthYear--text =
    Year of birth? Type 4 digits, for example 1980.
    If not needed, type "Skip".
ask-entryRole--text =
    Position or occupation? For example: head of a residential group, teacher.
    If not needed, type "Skip".
ask-workplace--text =
    Workplace, or the residential group where the person lives? For example: Tổ dân phố số 3, phường Xuân Phương.
    If not needed, type "Skip".
ask-workplace-household--text =
    The household's address (residential group)? For example: Tổ dân phố số 3, phường Xuân Phương.
    If not needed, type "Skip".
ask-report--text = 
    If there is a full achievement report, please photograph each page and send the photos (at most { $max }).
    If there is none, type "None".
ask-report-more--text = { $count }/{ $max } report files received. You may send more, or type "Done".
report-received--text = Report file { $count } received (at most { $max }). You may send more or type "Done".
pl-minutes-ask--text = Please photograph each page of the meeting minutes and send the photos. When finished, type "Done".
pl-minutes-more--text = { $count } minutes files received. You may send more pages, or type "Done".
pl-minutes-send-file--text = Please send photos of each page of the minutes; type "Done" when finished.

help-consent--text = The bot needs your consent before it stores anything. Type "Agree" (or its number) to start; if you do not agree, nothing is stored.
help-summary--text = Check everything again. Type "Edit" to change an item, "Send" to send, "Cancel" to cancel (or type the number).
rv-stale--text = This option can no longer be used. Please open the list again with /duyet.
rv-select-hint--text = Type the number of each nomination to select it, then choose the action for all of them.
entry-summary-hint--text = Type "Save to the list" if it is correct, or "Edit" to change something.
pl-no-entries--text = The list has no entries yet. Type "Add an entry" to begin.
pl-residents-title--text = Residents' nominations the unit proposed for commendation ({ $count }). Type the number of one to add it to the list:
## Zalo

zalo-unsupported-sticker = Thank you. The bot reads text and photos only, not stickers. Please type your answer, or type "menu" to see what you can do.
zalo-unsupported-sticker-phone = Thank you. The bot reads text and photos only, not stickers. Please type your answer, or call the ward office on { $phone } for help.
zalo-unsupported-other = On Zalo the bot receives text and photos only, not documents, voice messages or videos. For a paper document, please take a photo of each page and send the photos.
zalo-unsupported-other-phone = On Zalo the bot receives text and photos only, not documents, voice messages or videos. For a paper document, please take a photo of each page and send the photos, or contact the ward office on { $phone }.
zalo-files-elsewhere = { $count } files (documents, charts or exports) cannot be sent on Zalo. Please see them on Telegram, or ask an official to export them from the command line.

## Linking two channels (/lienket)

cmd-lienket = Link your Zalo and Telegram accounts (officials)
channel-zalo = Zalo
link-roles-only = Linking two channels is for officials with a role (unit heads, emulation officers, the council), to get reminders on both Zalo and Telegram.
link-code = Your link code: { $code } (single use, valid { $minutes } minutes). On the other channel (Zalo or Telegram), please type: /lienket { $code }
link-done = Linked with your { $channel } account. From now on you hold the same roles and get reminders on both channels.
link-unknown = This link code is not right. Please check it, or type /lienket on the other channel to get a new one.
link-expired = This link code has expired. Please type /lienket on the other channel to get a new one.
link-used = This link code has been used already. Please type /lienket on the other channel to get a new one.
link-same-channel = This code was made on this same channel. Please type it on the other one (Zalo or Telegram).
link-nothing = There is no role left to link: the roles are already held here, already linked to another account, or come from the system configuration (admins).
link-rate-limited = You have entered wrong codes several times. Please try again in an hour.

## Flood protection

flood-slow-down = You are sending messages faster than the system can process them. The messages you sent are kept and will be answered in turn; please wait a moment before sending more.
flood-refused = You have sent too many messages in a short time, so some of them were not accepted. Please wait about a minute, then send again what you need.
