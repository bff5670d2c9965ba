"""The baseline for page costs: bare Flask and Jinja rendering a page of a given size from memory.

No database, sessions, CSRF, translations or security headers: what is left of a page's cost when all of
the app's own work is taken away. /page/<bytes> answers with an HTML page of about that many bytes.
"""
from functools import lru_cache

from flask import Flask, render_template
from jinja2 import DictLoader

ROWS = [{"title": f"Раздел {i}: свобода мирных собраний и объединений", "author": f"Участник {i % 8} группы 1",
         "words": 500 + i, "href": f"/sections/{i}"} for i in range(2000)]

PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body><header><nav><a href="/">Доклад</a> <a href="/activity">Лента</a></nav></header>
<main><h1>{{ title }}</h1>
<table><thead><tr><th>Раздел</th><th>Автор</th><th>Слов</th></tr></thead><tbody>
{% for row in rows %}<tr><td><a href="{{ row.href }}">{{ row.title }}</a></td><td>{{ row.author }}</td>
<td>{{ "{:,}".format(row.words) }}</td></tr>
{% endfor %}</tbody></table></main></body></html>
"""

app = Flask(__name__)
app.jinja_loader = DictLoader({"page.html": PAGE})  # compiled once and cached, as template files are


def render(count: int) -> str:
    return render_template("page.html", title="Совместный доклад коалиции", rows=ROWS[:count])


@lru_cache
def rows_for(size: int) -> int:
    """How many rows make a page of about `size` bytes (found once per size, by measuring)."""
    frame = len(render(0).encode())
    row = (len(render(100).encode()) - frame) / 100
    return max(0, min(len(ROWS), round((size - frame) / row)))


@app.route("/page/<int:size>")
def page(size: int):
    return render(rows_for(size))
