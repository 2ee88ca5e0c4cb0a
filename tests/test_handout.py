"""Workshop handouts: the form and the group summary, as real PDFs read back with pypdf."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import DATA, pdf_text
from markupsafe import escape

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess
from ki_check.assessment.group import MIN_ANSWERS, summarise
from ki_check.batch.workshop import load_group
from ki_check.documents.handout import group_html, handout_html, write_group, write_handout
from ki_check.i18n import tr
from ki_check.questionnaire.load import load_questionnaire
from ki_check.render.templates import labels

AS_OF = dt.date(2026, 11, 24)
WORKSHOP = DATA / "workshop"
SKIPPED = ("invalid-option.yaml", "other-questionnaire.yaml")


def norm(text: str) -> str:
    """Whitespace as :func:`pdf_text` leaves it."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def flat(text: str) -> str:
    """Without any hyphen: a real one at a line end ("KI-|Bilder") is lost in extraction."""
    return re.sub("[-\u2010\u00ad]", "", norm(text))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Render each (questionnaire, language, edition) once; return its pages of text."""
    folder = tmp_path_factory.mktemp("handouts")
    cache: dict[tuple[str, str, bool], list[str]] = {}

    def get(qid: str, lang: str = "de", trainer: bool = False) -> list[str]:
        key = (qid, lang, trainer)
        if key not in cache:
            out = folder / f"{qid}-{lang}-{'trainer' if trainer else 'form'}.pdf"
            write_handout(qid, out, lang=lang, trainer=trainer, as_of=AS_OF)
            cache[key] = pdf_text(out)
        return cache[key]

    return get


def texts_of(question, lang: str) -> list[str]:
    """Every text of a question a participant must read on paper."""
    out = [tr(question.text, lang)]
    out += [tr(o.label, lang) for o in question.options]
    out += [tr(r.label, lang) for r in question.rows]
    out += [tr(label, lang) for _, label in question.scale_labels]
    if question.unit:
        out.append(tr(question.unit, lang))
    return [flat(x) for x in out]


CASES = [("kurzcheck", "de"), ("kurzcheck", "en"), ("kmu-basis", "de"), ("kmu-basis", "en")]


@pytest.mark.parametrize(("qid", "lang"), CASES)
def test_form_holds_every_question_and_option_on_the_page_of_its_question(rendered, qid, lang):
    q = load_questionnaire(qid)
    pages = [flat(page) for page in rendered(qid, lang)]
    for question in q.questions:
        text, *parts = texts_of(question, lang)
        holding = [i for i, page in enumerate(pages) if text in page]
        assert len(holding) == 1, f"{question.id}: question text on pages {holding}"
        page = pages[holding[0]]
        for part in parts:
            # on the same page: no question is split across a page break
            assert part in page, f"{question.id}: {part!r} not on page {holding[0] + 1}"


@pytest.mark.parametrize(("qid", "lang"), CASES)
def test_dont_know_everywhere_not_relevant_only_where_allowed(qid, lang):
    q = load_questionnaire(qid)
    html = handout_html(qid, lang=lang, as_of=AS_OF).html
    t = {k: str(escape(v)) for k, v in labels(lang).items()}
    blocks = html.split('<div class="ho-q ')[1:]
    assert len(blocks) == len(q.questions)
    for question, block in zip(q.questions, blocks, strict=True):
        dont_know = f'class="opt-label">{t["dont_know"]}<' in block or (
            f'class="special">{t["dont_know"]}<' in block
        )
        not_relevant = f'class="opt-label">{t["not_relevant"]}<' in block or (
            f'class="special">{t["not_relevant"]}<' in block
        )
        assert dont_know, question.id
        assert not_relevant == question.allow_not_relevant, question.id


def test_every_condition_is_a_sentence_with_question_numbers():
    q = load_questionnaire("kmu-basis")
    html = handout_html(q, as_of=AS_OF).html
    conditional = [x for x in q.questions if x.show_if is not None]
    assert html.count('<p class="ho-cond">Nur beantworten, wenn bei Frage ') == len(conditional)
    number = {x.id: i for i, x in enumerate(q.questions, start=1)}
    # all: [ki_stand in (...), not: ki_bereiche in (text_kommunikation)]
    target = q.question("ki_nutzen_gemessen")
    stand = q.question("ki_stand")
    label = tr(stand.option("systematisch").label, "de")
    assert f"bei Frage {number['ki_stand']} „{label}“" in html
    assert f"bei Frage {number['ki_bereiche']} nicht „" in html
    assert target.show_if is not None


def test_intro_explains_purpose_baseline_scoring_and_stages(rendered):
    q = load_questionnaire("kurzcheck")
    first = " ".join(rendered("kurzcheck")[:2])
    assert "Wozu dieser Check?" in first
    assert "5,8 %" in first
    assert "6 %" in first
    assert "Destatis 2024" in first
    assert "20 %" in first
    assert "17 %" in first
    assert "Jede Frage wird nach ihren Punkten auf 0 bis 1 umgerechnet" in first
    for stage in q.stages:
        assert tr(stage.label, "de") in first
    assert "0 bis unter 25" in first
    assert "75 bis 100" in first
    for d in q.dimensions:
        assert tr(d.label, "de") in first
    english = " ".join(rendered("kurzcheck", "en")[:2])
    assert "5.8%" in english
    assert "How ticks become a result" in english


def test_form_has_profile_fields_and_room_for_notes(rendered):
    text = " ".join(rendered("kurzcheck"))
    for field in ("Name des Unternehmens", "Bundesland", "Beschäftigte", "Jahresumsatz"):
        assert field in text
    assert text.count("Notiz") >= len(load_questionnaire("kurzcheck").questions)


def test_funding_landscape_by_kind_with_status_and_free_first_stops(rendered):
    text = " ".join(rendered("kurzcheck"))
    assert "Förderlandschaft" in text
    for kind in ("Kostenlose Beratung", "Zuschuss", "Darlehen"):
        assert kind in text
    assert "Digitalbonus Bayern" in text
    assert "offen bis 31.12.2027" in text  # Digitalbonus Bayern, as of the date
    assert "go-digital" in text
    assert "beendet am 31.12.2024" in text
    # made for the handwerk questionnaire: not on the kurzcheck handout (docs/advice.md)
    assert "Mittelstand-Digital Zentrum Handwerk" not in text
    assert "KI-Service-Desk der Bundesnetzagentur" in text


def test_handwerk_handout_names_the_zentrum_handwerk(rendered):
    assert "Mittelstand-Digital Zentrum Handwerk" in " ".join(rendered("handwerk"))


def test_trainer_edition_has_guidance_and_scoring_key_the_form_does_not(rendered):
    q = load_questionnaire("kurzcheck")
    form = " ".join(rendered("kurzcheck"))
    trainer = " ".join(rendered("kurzcheck", trainer=True))
    for question in q.questions:
        guidance = flat(tr(question.guidance, "de"))
        assert guidance in flat(trainer), question.id
        assert guidance not in flat(form), question.id
    assert "Bewertungsschlüssel" in trainer
    assert "Bewertungsschlüssel" not in form
    assert "Für die Moderation" in trainer
    assert "Für die Moderation" not in form
    assert "keine 0 · ideen 1 · festgelegt 2 · strategie 3" in trainer  # points per option
    assert "ki_ziele" in trainer
    assert "ki_ziele" not in form
    assert "3 P." in trainer
    assert "3 P." not in form
    assert "Gewicht 0,25" in trainer  # routine_relevant counts a quarter
    assert "Ausgabe für Trainerinnen und Trainer" in trainer


def test_form_pdf_is_tagged_a4_with_title(tmp_path):
    import pypdf

    out = tmp_path / "form.pdf"
    write_handout("kurzcheck", out, lang="en", as_of=AS_OF)
    reader = pypdf.PdfReader(out)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root
    assert "AI quick check" in reader.metadata.title
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )


# --- group summary ---------------------------------------------------------------------
# The workshop's five usable files, scored by hand from kurzcheck 1.0: a choice's
# value is points ÷ top points, a scale's (x − 1) ÷ 4; a dimension is
# Σ(weight × value) ÷ Σ weight over its answered questions, the overall the same
# over the dimensions with answers (weights 1.5, 1, 1, 1, 1.5, 1, 1, 0.5).
#   alpha   ki_ziele ideen 1/3 · papier 0 · kaum 0 · routine 4,1: (.25·.75 + 0)/1.25 = .15
#           · nicht_begonnen 0 · niemand 0, offenheit 3 → .5: .25 · keine 0 · ressourcen –
#           overall (.5 + .15 + .25) / 8 = 11.25 → 11.3 (Einsteiger)
#   beta    1/3 · software 2/3 · teilweise 1/3 · 5,2: (.25 + .25)/1.25 = .4 · experimente 1/3
#           · einzelne 1/3, 4 → .75: 13/24 · muendlich 1/2 · zeit 1/3
#           overall 3.6083 / 8.5 = 42.5 (Entdecker)
#   delta   festgelegt 2/3 · 2/3 · dont_know – · 3,3: (.125 + .5)/1.25 = .5 · systematisch
#           2/3 · teams 2/3, 3 → .5: 7/12 · keine 0 · dont_know –
#           overall 3.75 / 7 = 53.6 (Gestalter)
#   epsilon 1/3 · verstreut 1/3 · 1/3 · 5,1: .25/1.25 = .2 · 0 · einzelne 1/3 · 1/2 · –
#           overall 2.2 / 8 = 27.5 (Entdecker)
#   gamma   1 · 2/3 · geregelt 2/3 · 5,4: 1/1.25 = .8 · im_betrieb 1 · alle 1, 4: .875
#           · schriftlich 1 · fest 1: overall 7.5083 / 8.5 = 88.3 (Vorreiter)
GROUP_OVERALL = "44,6 von 100 Punkten (Mittelwert) · niedrigster 11,3 · höchster 88,3"
GROUP_STAGES = [("Einsteiger", 1), ("Entdecker", 2), ("Gestalter", 1), ("Vorreiter", 1)]
# dimension, weight, answers, mean, lowest, highest (per company as above, in %)
GROUP_DIMENSIONS = [
    ("Strategie und Führung", "1,5", 5, "53,3", "33,3", "100,0"),  # (1+1+2+1+3)/3/5 = 8/15
    ("Daten", "1", 5, "46,7", "0,0", "66,7"),  # (0+2+2+1+2)/3/5 = 7/15
    ("IT und IT-Sicherheit", "1", 4, "33,3", "0,0", "66,7"),  # delta: dont_know
    ("Abläufe und Anwendungsideen", "1", 5, "41,0", "15,0", "80,0"),  # 15, 40, 50, 20, 80
    ("KI-Einsatz heute", "1,5", 5, "40,0", "0,0", "100,0"),  # 0, 1/3, 2/3, 0, 1
    ("Menschen und Kompetenzen", "1", 5, "51,7", "25,0", "87,5"),  # 25, 54.2, 58.3, 33.3, 87.5
    ("Recht und Regeln", "1", 5, "40,0", "0,0", "100,0"),  # 0, 50, 0, 50, 100
]


def usable_files():
    """The workshop answer files the summary uses (all but the two it skips)."""
    q = load_questionnaire("kurzcheck")
    out = []
    for path in sorted(WORKSHOP.glob("*.yaml")):
        if path.name in SKIPPED:
            continue
        _, af = open_answers(path, q)
        out.append(af)
    return q, out


@pytest.fixture(scope="module")
def group_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("group") / "gruppe.pdf"
    write_group("kurzcheck", WORKSHOP, out, as_of=AS_OF)
    return out


def test_group_figures_are_those_computed_by_hand(group_pdf):
    text = " ".join(pdf_text(group_pdf))
    assert "5 von 7 Antwortdateien ausgewertet" in text
    assert GROUP_OVERALL in text
    for stage, count in GROUP_STAGES:
        assert re.search(rf"{stage} [^·]*? {count} von 5", text), stage
    for label, weight, n, mean, lowest, highest in GROUP_DIMENSIONS:
        row = f"{label} {weight} {n} {mean} {lowest} {highest}"
        assert row in text, row
    # ressourcen answered by beta and gamma only: fewer than MIN_ANSWERS
    assert MIN_ANSWERS == 3
    assert "Zeit, Geld und Hürden 0,5 2 zu wenige Antworten" in text
    # ki_stand systematisch (delta) and im_betrieb (gamma) are the adopter options
    assert "2 von 5 Unternehmen setzen KI bereits produktiv ein (40 %)" in text
    # the others by their stage's readiness: alpha early, beta and epsilon emerging
    assert "bereits KI-Anwender 2 · startklar 0 · auf dem Weg 2 · am Anfang 1" in text


def test_group_counts_the_programmes_recommended_to_most(group_pdf):
    # which programme is recommended to whom is decided (and tested on named cases) in
    # the library; here that the summary counts those verdicts and names the top ones
    q, files = usable_files()
    text = " ".join(pdf_text(group_pdf))
    recommended = [v for af in files for v in assess(q, af, as_of=AS_OF).tier("recommended")]
    fits = Counter(v.programme.id for v in recommended)
    top = max(fits.values())
    for pid, count in fits.items():
        if count == top:
            name = next(v.programme.name for v in recommended if v.programme.id == pid)
            # a name may break at its own hyphen ("FuE-|Förderung"), which extraction drops
            assert flat(tr(name, "de")) in flat(text)
    assert f"{top} von 5" in text


def test_a_dimension_with_fewer_than_three_answers_has_no_figure():
    q = load_questionnaire("kurzcheck")
    participants, skipped = load_group(q, WORKSHOP, as_of=AS_OF)
    summary = summarise(q, participants, skipped=skipped, as_of=AS_OF)
    ressourcen = next(d for d in summary.dimensions if d.id == "ressourcen")
    assert ressourcen.spread.n == 2
    assert (ressourcen.spread.mean, ressourcen.spread.min, ressourcen.spread.max) == (None,) * 3
    html = group_html(q, WORKSHOP, as_of=AS_OF).html
    row = html[html.index('<th scope="row">Zeit, Geld und Hürden</th>') :].split("</tr>")[0]
    assert "zu wenige Antworten" in row
    for value in ("33,3", "100,0"):  # beta's zeit 1/3 and gamma's fest 3/3 stay unseen
        assert value not in row


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("routine_genutzt", 4),  # use below need: alpha, beta, gamma, epsilon
        ("ki_ziele", 3),  # at most a third of the points: "ideen" three times
        ("ki_stand", 3),  # not started twice, first trials once
    ],
)
def test_most_common_gaps(question, count):
    q = load_questionnaire("kurzcheck")
    participants, _ = load_group(q, WORKSHOP, as_of=AS_OF)
    gaps = {g.question: g.companies for g in summarise(q, participants).gaps}
    assert gaps[question] == count
    assert "routine_relevant" not in gaps  # little need is no weakness


def test_invalid_and_foreign_files_are_skipped_with_a_warning_naming_each(tmp_path, cli):
    out = tmp_path / "gruppe.pdf"
    result = cli(
        "handout", "kurzcheck", "--results", WORKSHOP, "--out", out, "--as-of", "2026-11-24"
    )
    assert result.exit_code == 0, result.stderr
    assert out.is_file()
    for name in SKIPPED:
        assert name in result.stderr
    assert "keine Option 'vielleicht'" in result.stderr
    assert "gehört zum Fragebogen 'produktion'" in result.stderr
    assert "5 von 7 Antwortdateien ausgewertet" in result.stdout
    assert "2 Dateien übersprungen" in " ".join(pdf_text(out))


def company_names() -> list[str]:
    names = []
    for path in sorted(WORKSHOP.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        names.append(data["company"]["name"])
    return names


def test_group_summary_is_anonymous_by_default_and_named_on_request(group_pdf, tmp_path, cli):
    text = " ".join(pdf_text(group_pdf))
    for name in company_names():
        assert name not in text
        assert name.split()[0] not in text
    named = tmp_path / "named.pdf"
    result = cli(
        "handout",
        "kurzcheck",
        "--results",
        WORKSHOP,
        "--out",
        named,
        "--named",
        "--as-of",
        "2026-11-24",
    )
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text(named))
    assert "Teilnehmende Unternehmen" in text
    used = [
        n for n in company_names() if n not in ("Irrtum Versand GmbH", "Oberland Fräserei GmbH")
    ]
    for name in used:
        assert name in text


def test_group_summary_in_english(tmp_path):
    out = tmp_path / "group.pdf"
    write_group("kurzcheck", WORKSHOP, out, lang="en", as_of=AS_OF)
    text = " ".join(pdf_text(out))
    assert "Group summary" in text
    assert "5 of 7 answer files used" in text
    assert "too few answers" in text
    assert "Gruppenauswertung" not in text


def test_company_names_stay_text_in_the_named_summary(tmp_path):
    folder = tmp_path / "runde"
    folder.mkdir()
    for i, name in enumerate(("<b>Evil</b> & Co", "<img src=file:///etc/passwd>", "Plain GmbH")):
        data = {
            "questionnaire": "kurzcheck@1.0",
            "company": {"name": name},
            "interview": {"status": "complete"},
            "answers": {"ki_ziele": "ideen", "ki_stand": "experimente"},
        }
        (folder / f"{i}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    html = group_html("kurzcheck", folder, named=True, as_of=AS_OF).html
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html
    assert "<b>Evil" not in html
    assert "<img src=file" not in html


def test_existing_output_needs_force(tmp_path, cli):
    out = tmp_path / "handout.pdf"
    assert cli("handout", "kurzcheck", "--out", out).exit_code == 0
    before = out.read_bytes()
    again = cli("handout", "kurzcheck", "--out", out)
    assert again.exit_code == 2
    assert "existiert bereits" in again.stderr
    assert "--force" in again.stderr
    assert out.read_bytes() == before
    assert cli("handout", "kurzcheck", "--out", out, "--force", "--trainer").exit_code == 0
    group = tmp_path / "gruppe.pdf"
    group.write_bytes(b"keep")
    refused = cli("handout", "kurzcheck", "--results", WORKSHOP, "--out", group)
    assert refused.exit_code == 2
    assert group.read_bytes() == b"keep"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--named",), "--named gilt nur für die Gruppenauswertung"),
        (("--results", WORKSHOP, "--trainer"), "--trainer gilt nur für den Fragebogen"),
        (("--results", WORKSHOP, "--no-funding"), "--no-funding gilt nur für den Fragebogen"),
        (("--results", "kein-ordner"), "INPUT_001 Eingabe nicht gefunden: kein-ordner"),
        (("--results", DATA / "questionnaires"), "Keine auswertbare Antwortdatei"),
    ],
)
def test_usage_errors_are_messages_not_tracebacks(tmp_path, cli, args, message):
    result = cli("handout", "kurzcheck", "--out", tmp_path / "x.pdf", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_questionnaire_is_a_clear_error(tmp_path, cli):
    result = cli("handout", "kurzchek", "--out", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "kurzcheck" in result.stderr


def test_handout_help_does_not_import_weasyprint():
    import subprocess
    import sys

    code = (
        "import sys; from ki_check.cli import app; "
        "from typer.testing import CliRunner; CliRunner().invoke(app, ['handout', '--help']); "
        "print('weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_readme_names_the_handout_command():
    from conftest import ROOT

    assert "ki-check handout" in (ROOT / "README.md").read_text("utf-8")


def test_paths_in_skip_reasons_are_the_files(tmp_path):
    q = load_questionnaire("kurzcheck")
    _, skipped = load_group(q, WORKSHOP, as_of=AS_OF)
    assert sorted(s.path.name for s in skipped) == sorted(SKIPPED)
    kinds = {s.path.name: s.kind for s in skipped}
    assert kinds == {
        "invalid-option.yaml": "invalid",
        "other-questionnaire.yaml": "other_questionnaire",
    }
    assert isinstance(skipped[0].path, Path)


def test_brand_sets_organisation_logo_colour_and_contact(tmp_path, cli):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#123456"/></svg>',
        "utf-8",
    )
    brand = tmp_path / "marke.yaml"
    brand.write_text(
        "organisation: HWK Musterstadt\nlogo: logo.svg\ncolours: {primary: '#123456'}\n"
        "contact: {email: workshop@hwk.example}\n",
        "utf-8",
    )
    html = handout_html("kurzcheck", brand=brand, as_of=AS_OF).html
    assert "--primary: #123456" in html
    assert (tmp_path / "logo.svg").as_uri() in html
    out = tmp_path / "bogen.pdf"
    result = cli("handout", "kurzcheck", "--out", out, "--brand", brand, "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text(out))
    assert "HWK Musterstadt" in text
    assert "workshop@hwk.example" in text
    group = group_html("kurzcheck", WORKSHOP, brand=brand, as_of=AS_OF).html
    assert "HWK Musterstadt" in group
