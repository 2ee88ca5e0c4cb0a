"""Company profile classifications: Bundesländer, WZ 2008 sections, size classes.

These are official code lists (ISO 3166-2:DE state codes; Destatis'
Klassifikation der Wirtschaftszweige 2008, sections A–U; the EU SME definition,
Commission Recommendation 2003/361/EC), not advisory content.
"""

from __future__ import annotations

from typing import Literal

from ki_check.i18n import Text

STATES: dict[str, Text] = {
    "BW": {"de": "Baden-Württemberg", "en": "Baden-Württemberg"},
    "BY": {"de": "Bayern", "en": "Bavaria"},
    "BE": {"de": "Berlin", "en": "Berlin"},
    "BB": {"de": "Brandenburg", "en": "Brandenburg"},
    "HB": {"de": "Bremen", "en": "Bremen"},
    "HH": {"de": "Hamburg", "en": "Hamburg"},
    "HE": {"de": "Hessen", "en": "Hesse"},
    "MV": {"de": "Mecklenburg-Vorpommern", "en": "Mecklenburg-Western Pomerania"},
    "NI": {"de": "Niedersachsen", "en": "Lower Saxony"},
    "NW": {"de": "Nordrhein-Westfalen", "en": "North Rhine-Westphalia"},
    "RP": {"de": "Rheinland-Pfalz", "en": "Rhineland-Palatinate"},
    "SL": {"de": "Saarland", "en": "Saarland"},
    "SN": {"de": "Sachsen", "en": "Saxony"},
    "ST": {"de": "Sachsen-Anhalt", "en": "Saxony-Anhalt"},
    "SH": {"de": "Schleswig-Holstein", "en": "Schleswig-Holstein"},
    "TH": {"de": "Thüringen", "en": "Thuringia"},
}

SECTORS: dict[str, Text] = {
    "A": {"de": "Land- und Forstwirtschaft, Fischerei", "en": "Agriculture, forestry, fishing"},
    "B": {"de": "Bergbau und Gewinnung von Steinen und Erden", "en": "Mining and quarrying"},
    "C": {"de": "Verarbeitendes Gewerbe", "en": "Manufacturing"},
    "D": {"de": "Energieversorgung", "en": "Energy supply"},
    "E": {
        "de": "Wasserversorgung; Abwasser- und Abfallentsorgung",
        "en": "Water supply; sewerage and waste management",
    },
    "F": {"de": "Baugewerbe", "en": "Construction"},
    "G": {
        "de": "Handel; Instandhaltung und Reparatur von Kraftfahrzeugen",
        "en": "Wholesale and retail trade; repair of motor vehicles",
    },
    "H": {"de": "Verkehr und Lagerei", "en": "Transportation and storage"},
    "I": {"de": "Gastgewerbe", "en": "Accommodation and food services"},
    "J": {"de": "Information und Kommunikation", "en": "Information and communication"},
    "K": {
        "de": "Finanz- und Versicherungsdienstleistungen",
        "en": "Financial and insurance activities",
    },
    "L": {"de": "Grundstücks- und Wohnungswesen", "en": "Real estate activities"},
    "M": {
        "de": "Freiberufliche, wissenschaftliche und technische Dienstleistungen",
        "en": "Professional, scientific and technical activities",
    },
    "N": {
        "de": "Sonstige wirtschaftliche Dienstleistungen",
        "en": "Administrative and support service activities",
    },
    "O": {
        "de": "Öffentliche Verwaltung, Verteidigung; Sozialversicherung",
        "en": "Public administration and defence; social security",
    },
    "P": {"de": "Erziehung und Unterricht", "en": "Education"},
    "Q": {"de": "Gesundheits- und Sozialwesen", "en": "Human health and social work"},
    "R": {"de": "Kunst, Unterhaltung und Erholung", "en": "Arts, entertainment and recreation"},
    "S": {"de": "Sonstige Dienstleistungen", "en": "Other service activities"},
    "T": {
        "de": "Private Haushalte mit Hauspersonal",
        "en": "Activities of households as employers",
    },
    "U": {
        "de": "Exterritoriale Organisationen und Körperschaften",
        "en": "Extraterritorial organisations and bodies",
    },
}

# The profile's figures as a reader knows them: messages name these, not the keys.
FIGURE_LABELS: dict[str, Text] = {
    "employees": {"de": "Beschäftigte", "en": "Employees"},
    "turnover_eur": {"de": "Jahresumsatz in Euro", "en": "Annual turnover in euros"},
    "balance_sheet_eur": {"de": "Bilanzsumme in Euro", "en": "Balance sheet total in euros"},
}

SizeClass = Literal["micro", "small", "medium", "large"]

SIZE_CLASSES: dict[str, Text] = {
    "micro": {
        "de": "Kleinstunternehmen (unter 10 Beschäftigte)",
        "en": "micro companies (under 10 staff)",
    },
    "small": {
        "de": "kleine Unternehmen (10–49 Beschäftigte)",
        "en": "small companies (10–49 staff)",
    },
    "medium": {
        "de": "mittlere Unternehmen (50–249 Beschäftigte)",
        "en": "medium-sized companies (50–249 staff)",
    },
    "large": {
        "de": "große Unternehmen (ab 250 Beschäftigten)",
        "en": "large companies (250+ staff)",
    },
}


def size_class(employees: int | None) -> SizeClass | None:
    """The EU size class by headcount alone (turnover and balance sheet are a funding matter)."""
    if employees is None:
        return None
    if employees < 10:
        return "micro"
    if employees < 50:
        return "small"
    if employees < 250:
        return "medium"
    return "large"
