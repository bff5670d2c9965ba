import pytest

from text.wordcount import WordCount, count_markdown, count_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Каждый имеет право на жизнь, свободу и личную неприкосновенность.", 9),
        ("Қазақстан Республикасының Конституциясы әр адамның құқығын қорғайды.", 7),
        ("ӘҒҚҢӨҰҮҺІ әғқңөұүһі", 2),
        ("Мемлекеттік тіл — қазақ тілі.", 4),
        ("кое-что, don't, Қазақстан’ға", 3),
        ("замо\u0301к", 1),  # combining stress mark stays inside the word
        ("", 0),
        (" — … !? ** | --- ", 0),
    ],
)
def test_count_words(text, expected):
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("бюджет 118.12 млрд", 3),
        ("1,5 млн", 2),
        ("2 815 человек", 3),  # plain space: two numbers
        ("2\u00a0815 человек", 2),  # no-break space: one number
        ("п.3 статьи 5.", 4),  # "." joins digits only
    ],
)
def test_numbers(text, expected):
    assert count_words(text) == expected


def test_markdown_syntax_is_not_counted():
    source = (
        "# Заголовок\n\n* **жирный** _курсив_\n\n---\n\n"
        "> [ссылка](https://example.com/very-long-url)\n\n![рисунок](a.png)"
    )
    assert count_markdown(source) == WordCount(body=4, notes=0)


def test_footnotes_counted_separately():
    source = "Текст[^1] здесь^[и встроенная].\n\n[^1]: Примечание к тексту."
    count = count_markdown(source)
    assert (count.body, count.notes, count.total) == (2, 5, 7)


def test_tables_and_code_counted():
    source = "| Статья | Текст |\n|---|:-:|\n| 1 | Народ един |\n\n```\nкод здесь\n```"
    assert count_markdown(source) == WordCount(body=7, notes=0)


def test_inline_markup_does_not_split_words():
    assert count_markdown("Конститу**ция** и `код`").body == 3


def test_a_citation_counts_as_the_number_it_prints():
    assert count_markdown("Не выполнена: [rec:118.12], [rec:1.2.3].").body == 4
    assert count_markdown("Код: `[rec:118.12]`").body == 3  # code prints as written
