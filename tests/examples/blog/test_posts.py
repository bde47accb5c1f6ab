"""Writing, editing and deleting posts, and who may."""

from __future__ import annotations

from visitor import Visitor


def test_index_lists_posts_newest_first(author: Visitor) -> None:
    author.write("Older")
    author.write("Newer")
    page = author.get("/").get_data(as_text=True)
    assert page.index("<h2>Newer") < page.index("<h2>Older")
    assert "by ada on " in page


def test_write_a_post(author: Visitor) -> None:
    response = author.write("Hello", "The body.")
    assert response.headers["Location"] == "/"
    page = author.get("/").get_data(as_text=True)
    assert "Published “Hello”." in page
    assert "The body." in page
    assert 'href="/1/edit"' in page


def test_a_post_needs_a_title(author: Visitor) -> None:
    response = author.write("  ", "No title.")
    assert response.status_code == 200
    assert "A post needs a title." in response.get_data(as_text=True)
    assert "No title." in response.get_data(as_text=True)  # what was typed stays


def test_edit_a_post(author: Visitor) -> None:
    author.write("Draft")
    assert "Edit “Draft”" in author.get("/1/edit").get_data(as_text=True)
    author.post("/1/edit", {"title": "Final", "body": "Done."})
    page = author.get("/").get_data(as_text=True)
    assert "Saved “Final”." in page
    assert "Draft" not in page


def test_delete_a_post(author: Visitor) -> None:
    author.write("Gone soon")
    assert author.post("/1/delete").headers["Location"] == "/"
    page = author.get("/").get_data(as_text=True)
    assert "Deleted “Gone soon”." in page
    assert "nothing is published yet" in page


def test_only_the_author_changes_a_post(author: Visitor) -> None:
    author.write()
    author.post("/auth/logout")
    author.register("bob")
    author.log_in("bob")
    assert 'href="/1/edit"' not in author.get("/").get_data(as_text=True)
    assert author.get("/1/edit").status_code == 403
    assert author.post("/1/delete").status_code == 403


def test_a_missing_post_is_404(author: Visitor) -> None:
    assert author.get("/7/edit").status_code == 404
    assert author.post("/7/delete").status_code == 404


def test_visitors_must_log_in_to_write(visitor: Visitor) -> None:
    for response in (visitor.get("/new"), visitor.post("/new", {"title": "x"})):
        assert response.headers["Location"].startswith("/auth/login?next=")
