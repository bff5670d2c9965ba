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
        ("п.3 статьи 5.", 3),  # punctuation between letters joins them too
        ("118.41 2,815 50% 2019–2023", 4),
    ],
)
def test_numbers(text, expected):
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A/HRC/43/10", 1),  # a document symbol
        ("см. https://adilet.zan.kz/rus/docs/K950001000_ и www.ohchr.org.", 4),
        ("info@example.org", 1),
        ("права — и свободы – тоже - да", 5),  # a dash between spaces is not a word
        ("слово—слово", 1),  # nor a break between words it joins
        ("§ 5 © 2026 · • ¶ &", 2),  # a symbol alone is not a word either
        ("(«Мемлекеттік»)", 1),  # punctuation stuck to a word is part of it
        ("а\tб\nв\u2028г\u2003д", 5),  # tabs, breaks and wide spaces separate words
        ("Ст.\u00a05", 1),  # a no-break space does not
    ],
)
def test_words_as_word_counts_them(text, expected):
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
    assert count_markdown("Код: `[rec:118.12]`").body == 2  # code prints as written: one run, one word
