"""The forms offer the words of coalition/vocabulary.py in its order. (That nothing under the web imports
web/forms.py for them is the packages' rule, tests/unit/test_layers.py.)"""
from coalition import vocabulary
from web import forms


def test_the_forms_offer_the_vocabularys_words_in_its_order():
    assert [(choice.value, choice.label) for choice in forms.ASSESSMENTS] == list(vocabulary.ASSESSMENT_NAMES.items())
    assert [(choice.value, choice.label) for choice in forms.RESPONSES] == list(vocabulary.RESPONSE_NAMES.items())
