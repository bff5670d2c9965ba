"""What the recommendations tests share: the world's groups, adding recommendations, assessing them."""
from models import Assessment, Recommendation, WorkingGroup

ROLES = ("coordinator", "reviewer", "lead", "member", "other")
# Written out by hand: a group assesses its own recommendations, the coordinator all of them.
ASSESSORS = {"alpha": {"coordinator", "lead", "member"}, "beta": {"coordinator", "other"}, "none": {"coordinator"}}
DOCUMENT = "A/HRC/43/10"
SVG = "{http://www.w3.org/2000/svg}"  # the HTML5 parser puts <svg> and its children in SVG's namespace
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
            "<svg onload=alert(1)>", '<a href="javascript:alert(1)">x</a>', "![x](javascript:alert(1))",
            '[x](https://example.org "\\" onmouseover=alert(1) \\"")', "</textarea><script>alert(1)</script>"]


def group(name: str) -> WorkingGroup:
    return WorkingGroup.get(WorkingGroup.name == {"alpha": "Civil and political rights",
                                                  "beta": "Women's rights"}[name])


def add(world, number, text="A recommendation.", group_key=None, **fields):
    return Recommendation.create(report=world["report"], number=number, document=DOCUMENT, text=text,
                                 group=group(group_key) if group_key else None, **fields).id


def assess(client, rec_id, status="implemented", justification="The law was amended in 2021.", sources=""):
    return client.post(f"/recommendations/{rec_id}/assess",
                       data={"status": status, "justification": justification, "sources": sources})


def assessments(rec_id) -> int:
    return Assessment.select().where(Assessment.recommendation == rec_id).count()

