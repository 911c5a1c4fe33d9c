"""The shared template tags (comun/templatetags/portal.py)."""


def test_iso8601_gives_the_local_moment_with_its_offset():
    import datetime

    from django.template import Context, Template

    momento = datetime.datetime(2012, 8, 29, 15, 30, tzinfo=datetime.UTC)
    html = Template("{% load portal %}{{ m|iso8601 }}|{{ nada|iso8601 }}").render(Context({"m": momento, "nada": None}))
    assert html == "2012-08-29T10:30:00-05:00|"  # America/Guayaquil, the portal's TIME_ZONE
