from supportdesk.tickets.choices import State


def test_ticket_created_with_number_and_first_article(ticket, customer):
    assert ticket.number == 10001
    assert ticket.state == State.NEW
    assert ticket.customer == customer
    assert ticket.article_count == 1
