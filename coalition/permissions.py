"""Who may do what: the one place that views and templates ask."""


def can_read(user, section) -> bool:
    """Everyone signed in reads the whole report; nobody else reads anything."""
    return bool(user and user.is_authenticated and user.is_active)


def can_edit(user, section) -> bool:
    """The coordinator edits everything; leads and members edit their own groups' sections."""
    if not can_read(user, section):
        return False
    return user.is_coordinator or user.role_in(section.group_id) is not None


can_restore = can_edit


def can_suggest(user, section) -> bool:
    """Whoever reads a section but is not in its group proposes edits to it (its own writers simply edit)."""
    return can_read(user, section) and user.role_in(section.group_id) is None


can_decide_suggestion = can_edit  # the section's group (and the coordinator) accepts or declines


def can_withdraw_suggestion(user, suggestion) -> bool:
    """Only its author takes a suggestion back."""
    return can_read(user, None) and suggestion.author_id == user.id


def can_manage(user) -> bool:
    """Only the coordinator manages the report, its groups and its people."""
    return bool(user and user.is_authenticated and user.is_active and user.is_coordinator)


can_submit = can_edit  # a section's own group sends it to the coalition for review


def can_see_people(user) -> bool:
    """The coordinator sees everyone; a group's lead sees their group's members."""
    return can_manage(user) or (can_read(user, None) and "lead" in user.roles_by_group.values())


def can_review(user) -> bool:
    """Reviewers (the editorial board) and the coordinator approve or ask for changes."""
    return bool(user and user.is_authenticated and user.is_active and (user.is_reviewer or user.is_coordinator))


def can_see_dashboard(user) -> bool:
    """The coordinator, and the reviewers who follow the whole report's progress (they read it, nothing more)."""
    return can_review(user)


def can_comment(user, section) -> bool:
    """A coalition reviews together: every signed-in member raises points on any section, and answers them."""
    return can_read(user, section)


def can_assess(user, recommendation) -> bool:
    """A group assesses the recommendations assigned to it; the coordinator assesses all of them."""
    if not can_read(user, None):
        return False
    return user.is_coordinator or (recommendation.group_id is not None
                                   and user.role_in(recommendation.group_id) is not None)
