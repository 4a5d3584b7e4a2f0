"""English support conversations."""

from supportdesk.demo.content import Language, Topic

LANGUAGE = Language(
    code="en",
    agent_greeting="Hi {customer},",
    agent_signoff="Best regards,\n{agent}\n{company} Support",
    customer_signoff="Thanks,\n{customer}",
    thanks=(
        "That worked, thank you for the quick help!",
        "Perfect, all sorted now. Much appreciated.",
        "Thanks, that answers my question. You can close this.",
    ),
    notes=(
        "Checked the account: no open payments, contract is active. Customer is a key account, please keep them posted.",
        "Called the customer back, they were not available. Will try again tomorrow morning.",
        "Same issue as last week for this customer. Asked Technical to have a look at the logs.",
    ),
)

TOPICS = (
    Topic(
        key="invoice",
        group="Billing",
        tags=("billing", "invoice"),
        subjects=("Invoice {invoice} shows the wrong amount", "Question about invoice {invoice}", "Double charge on our card"),
        openings=(
            "Hello,\n\nour invoice {invoice} from {date} lists {amount} EUR, but our contract says we pay for {users} users only. "
            "Could you check and send a corrected invoice?",
            "Hi there,\n\nwe were charged twice for {product} this month ({amount} EUR each time). "
            "Please refund the second payment, the reference is {invoice}.",
        ),
        replies=(
            "thanks for flagging this. I have checked invoice {invoice}: the extra users were added on {date} and were billed pro rata. "
            "If they were added by mistake I can remove them and issue a credit note. Shall I do that?",
            "you are right, the payment went through twice. I have started the refund of {amount} EUR; "
            "it usually reaches your account within 3 to 5 working days.",
        ),
        followups=(
            "Yes please, remove the extra users and send the credit note to our accounts team.",
            "Thanks. Could you also send me a copy of the corrected invoice as a PDF?",
        ),
        closings=(
            "done: the credit note is attached to your account and a corrected invoice is on its way by e-mail.",
            "the refund has been processed and the corrected invoice is now available in the customer portal.",
        ),
    ),
    Topic(
        key="login",
        group="First Level",
        tags=("login", "account"),
        subjects=("Cannot log in to the portal", "Password reset link does not arrive", "Account locked after update"),
        openings=(
            "Hi,\n\nsince this morning I cannot log in to the {product} dashboard. It says my password is wrong, "
            "but I have not changed it. Can you help?",
            "Hello,\n\nI requested a password reset three times but no e-mail arrives, not even in the spam folder. "
            "My colleagues can log in fine.",
        ),
        replies=(
            "sorry for the trouble. Your account was locked after five failed attempts. I have unlocked it; "
            'please try again and use the "Forgot password" link if it still fails.',
            "I can see the reset mails were rejected by your mail server. Could you ask your IT team to allow mails from our domain? "
            "Meanwhile I have sent you a one-time login link.",
        ),
        followups=(
            "Still no luck, I get the same error message. I am using Firefox on Windows if that helps.",
            "Our IT team has added your domain to the allow list now. Can you send the link again?",
        ),
        closings=(
            "I have reset the session on our side as well. You should be able to log in now; let me know if anything is still off.",
            "I have sent a fresh reset link a minute ago. It is valid for 30 minutes.",
        ),
    ),
    Topic(
        key="shipping",
        group="First Level",
        tags=("shipping", "order"),
        subjects=("Where is my order {order}?", "Delivery of order {order} is late", "Scanner arrived damaged"),
        openings=(
            "Hello,\n\nwe ordered three {product} units on {date} (order {order}) and the tracking page has not changed for a week. "
            "We need them for a store opening, can you find out what happened?",
            "Hi,\n\nthe {product} we received today has a cracked screen, the box was clearly dropped. Order {order}. "
            "How do we get a replacement?",
        ),
        replies=(
            "I have checked with the carrier: the parcel was held at customs because an invoice was missing. "
            "We have sent the paperwork and it should be released tomorrow.",
            "I am sorry about that. I have arranged a replacement that leaves our warehouse today, and the courier will pick up the "
            "damaged unit when they deliver the new one.",
        ),
        followups=(
            "Thanks. Will we get a new tracking number or is it still the same?",
            "Great. Does the courier need anything from us, like the original packaging?",
        ),
        closings=(
            "the tracking number stays the same; the carrier shows delivery for tomorrow before noon.",
            "no special packaging needed, the courier brings a box. The replacement is scheduled for delivery on Thursday.",
        ),
    ),
    Topic(
        key="outage",
        group="Technical",
        tags=("outage", "urgent-fix"),
        subjects=("Dashboard not loading", "Card payments failing at all tills", "Sync errors since last night"),
        openings=(
            'Hi,\n\nnone of our {users} tills can take card payments since about 9:00. The terminals show "host unreachable". '
            "This is costing us sales, please call me back asap.",
            "Hello,\n\nthe {product} dashboard has been loading forever since yesterday evening and the nightly sync reports errors. "
            "Is there an outage?",
        ),
        replies=(
            "we are aware of a problem with one of our payment gateways and our engineers are working on it. "
            "As a workaround you can switch the terminals to the backup gateway under Settings > Payments.",
            "thanks for the report. We found a stuck sync job for your account and restarted it. "
            "The dashboard should load normally again within the next few minutes.",
        ),
        followups=(
            "The backup gateway works, thank you. Please let us know when the main one is back.",
            "It is loading now, but the sales figures for yesterday are missing.",
        ),
        closings=(
            "the main gateway is stable again since 11:40. You can switch back whenever it suits you. We will "
            "publish a short incident report.",
            "the missing figures have been re-imported; yesterday's totals should now match your till reports.",
        ),
    ),
    Topic(
        key="feature",
        group="First Level",
        tags=("feature-request",),
        subjects=("Feature request: export to CSV", "Can we get a dark mode?", "Suggestion for the mobile app"),
        openings=(
            "Hi team,\n\nit would help us a lot if the monthly sales report could be exported as CSV, not only as PDF. "
            "Our accountant has to type everything in by hand at the moment.",
            "Hello,\n\nour staff use the {product} in the evening and find the bright screen tiring. Is a dark mode planned?",
        ),
        replies=(
            "thanks for the suggestion! I have passed it on to our product team with a description of how you would use it. "
            "I cannot promise a date, but requests like this are reviewed every month.",
            "good news: this is already on our roadmap. I have added your vote and will let you know when it is released.",
        ),
        followups=(
            "Thanks. Is there a workaround in the meantime?",
            "Good to hear. Could you put us on the list for the beta?",
        ),
        closings=(
            "for now you can use the API export, which returns CSV. I have attached a short guide to your account.",
            "you are on the beta list now; we will contact you as soon as it opens.",
        ),
    ),
    Topic(
        key="contract",
        group="Billing",
        tags=("contract", "account"),
        subjects=("Change of billing address", "Upgrade to {users} users", "Cancel contract at end of term"),
        openings=(
            "Hello,\n\nwe have moved offices. From {date}, please send all invoices to our new address, and update the VAT details too. "
            "Our contract number is in the attachment of the last invoice ({invoice}).",
            "Hi,\n\nwe are opening two new stores and need {users} user licences instead of the current ones. "
            "What would that cost per month?",
        ),
        replies=(
            "thanks, I have updated the billing address and VAT number. The next invoice will already show the new details.",
            "for {users} users the price would be {amount} EUR per month, billed from the next cycle. Shall I make the change?",
        ),
        followups=(
            "Yes, please go ahead from the first of next month.",
            "Can you confirm the change in writing for our records?",
        ),
        closings=(
            "the change is booked and you will receive a written confirmation by e-mail today.",
            "all done. The confirmation is attached to your account in the customer portal.",
        ),
    ),
)
