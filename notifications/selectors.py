def unread_count_for(user) -> int:
    return 0
