"""What each role may do, beyond reading what it may see."""

from __future__ import annotations

from enum import StrEnum

from wgdesk.web.groups.models import Role


class Cap(StrEnum):
    """A kind of action a member may be allowed to take."""

    EDIT = "edit"  # create and change records of the desk
    MANAGE_MEETINGS = "manage_meetings"  # meetings, agendas, attendance, minutes drafting
    APPROVE_MINUTES = "approve_minutes"  # sign off the minutes for one's side
    INVITE = "invite"  # invite members, add ministries
    MANAGE_TRACKS = "manage_tracks"  # add tracks of work
    SHARE_POSITION = "share_position"  # show one's side's position to the other side
    SET_ALIGNMENT = "set_alignment"  # record how close the two positions are
    SCREEN = "screen"  # screen names and review projects (pages and HTTP API)
    DEACTIVATE_MEMBERS = "deactivate_members"  # end the seat of a member of one's side
    RESET_SECOND_FACTOR = "reset_second_factor"  # make a member of one's side enrol again


# Second factors are reset by the secretariat alone: the side's account desk, kept apart
# from the co-chair who invites (whoever invites does not also re-key existing accounts).
_SECRETARIAT_ONLY = frozenset({Cap.RESET_SECOND_FACTOR})


ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.CO_CHAIR: frozenset(Cap) - _SECRETARIAT_ONLY,
    Role.DELEGATE: frozenset(
        {Cap.EDIT, Cap.MANAGE_MEETINGS, Cap.SHARE_POSITION, Cap.SET_ALIGNMENT, Cap.SCREEN}
    ),
    Role.SECRETARIAT: frozenset(
        {
            Cap.EDIT,
            Cap.MANAGE_MEETINGS,
            Cap.MANAGE_TRACKS,
            Cap.SCREEN,
            Cap.DEACTIVATE_MEMBERS,
            Cap.RESET_SECOND_FACTOR,
        }
    ),
    Role.MINISTRY_LIAISON: frozenset({Cap.EDIT, Cap.SCREEN}),
    # Observers read what their side and clearance allow and change nothing.
    Role.OBSERVER: frozenset(),
}
