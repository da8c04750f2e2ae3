"""One search (core.search, core.pickers): people, candidates and positions by name, number, phone, full pinyin
and initials, scoped as the pages are, behind the navigation box and every picker."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.pinyin import pinyin_keys
from employees.models import Employee
from org.models import Position
from recruitment.models import Candidate
from tests.factories import EmployeeFactory


@pytest.fixture
def zhang(org):
    return EmployeeFactory(position=org.stamper, name="张伟强", number="E7788", phone="13912345678")


@pytest.mark.parametrize(
    ("text", "keys"),
    [("张伟强", ("zhangweiqiang", "zwq")), ("吕布", ("lvbu", "lb")), ("Anna 李", ("annali", "al")), ("", ("", ""))],
)
def test_pinyin_keys(text, keys):
    assert pinyin_keys(text) == keys


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("张伟强", True),
        ("伟强", True),
        ("zhangweiqiang", True),
        ("ZhangWei", True),
        ("zwq", True),
        ("ZW", True),
        ("E7788", True),
        ("1391234", True),
        ("wq", False),  # initials match from the start of the name
        ("lisi", False),
    ],
)
@pytest.mark.parametrize("who", ["hr", "head"])
def test_the_search_box_finds_a_person_by_name_pinyin_initials_number_and_phone(users, login, zhang, who, query, found):
    page = login(users[who]).get(reverse("search"), {"q": query}).content.decode()
    assert ("张伟强" in page.split("</form>", 2)[-1]) is found


@pytest.mark.parametrize("who", ["head", "me", "outsider"])
def test_the_search_box_finds_nobody_outside_the_readers_scope(users, login, org, who):
    EmployeeFactory(position=org.inspector, name="张品质")  # quality: outside the production head's scope
    page = login(users[who]).get(reverse("search"), {"q": "zpz"}).content.decode()
    assert "张品质" not in page


def test_the_people_picker_searches_the_same_way(users, login, zhang):
    client = login(users["hr"])
    for query in ("zwq", "zhangwei", "13912345678"):
        results = client.get(reverse("employees:pick_employees"), {"q": query}).json()["results"]
        assert [r["text"].split()[1] for r in results] == ["张伟强"], query


def test_the_position_picker_and_box_find_a_title_by_initials(users, login, org):
    assert (
        reverse("org:position_detail", args=[org.stamper.pk])
        in login(users["hr"]).get(reverse("search"), {"q": "cyg"}).content.decode()
    )  # 冲压工
    results = login(users["hr"]).get(reverse("org:pick_positions"), {"q": "chongya"}).json()["results"]
    assert any("冲压工" in r["text"] for r in results)


def test_bulk_writes_and_renames_keep_the_keys(org, zhang):
    Employee.objects.bulk_create([EmployeeFactory.build(position=org.stamper, name="欧阳娜娜")])
    assert Employee.objects.get(name="欧阳娜娜").name_initials == "oynn"
    zhang.name = "李四"
    zhang.save(update_fields=["name"])
    assert Employee.objects.filter(name_pinyin="lisi").exists()
    org.stamper.title = "焊工"
    Position.objects.bulk_update([org.stamper], ["title"])
    assert Position.objects.get(pk=org.stamper.pk).name_initials == "hg"


def test_an_anonymised_candidate_loses_the_pinyin_of_the_name(users):
    candidate = Candidate.objects.create(
        name="王小明", source_channel="online", privacy_notice_at=timezone.now(), phone="13800000001"
    )
    assert candidate.name_initials == "wxm"
    candidate.name = "Anonymised candidate"
    Candidate.objects.bulk_update([candidate], ["name"])
    assert not Candidate.objects.filter(name_initials="wxm").exists()


def test_the_search_keeps_its_queries(users, login, org, zhang, django_assert_max_num_queries):
    client = login(users["hr"])
    client.get(reverse("search"), {"q": "z"})
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("search"), {"q": "z"})
    EmployeeFactory.create_batch(8, position=org.stamper, name="张三")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("search"), {"q": "z"})
