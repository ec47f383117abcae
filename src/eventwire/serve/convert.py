"""Store rows in, API response models out: the one place that knows both shapes."""

from __future__ import annotations

from ..store.query import (
    ActorRow,
    ArticleRow,
    DyadPeriod,
    Edge,
    EventRow,
    MapPoint,
    QuoteRow,
    SearchHit,
)
from .record_schema import SpanOut
from .schemas import (
    ActorRef,
    ActorSummary,
    ArticleRef,
    ArticleSummary,
    DyadPeriodOut,
    EdgeOut,
    EventItem,
    LocationOut,
    MapPointOut,
    QuoteItem,
    SearchHitOut,
)


def article_summary(row: ArticleRow) -> ArticleSummary:
    return ArticleSummary(
        id=row.id, title=row.title, published=row.published, source=row.source,
        publisher=row.publisher, url=row.url, language=row.language, events=row.events,
        actors=row.actors, quotes=row.quotes,
    )


def _side(ids: list[str], codes: list[str | None], names: list[str],
          countries: list[str | None], sectors: list[str | None]) -> list[ActorRef]:
    # The store keeps each side as parallel lists, one element per actor.
    return [ActorRef(id=i, code=c, name=n, country=k, sector=s)
            for i, c, n, k, s in zip(ids, codes, names, countries, sectors, strict=True)]


def _location(row: EventRow) -> LocationOut | None:
    if row.location_name is None and row.location_lat is None:
        return None
    return LocationOut(
        name=row.location_name, country=row.location_country, admin1=row.location_admin1,
        lat=row.location_lat, lon=row.location_lon, geonames_id=row.location_geonames_id,
        precision=row.location_precision,
    )


def event_item(row: EventRow) -> EventItem:
    return EventItem(
        article_id=row.article_id, event_id=row.event_id, merged_id=row.merged_id,
        type=row.type, mode=row.mode, context=list(row.context), cameo=row.cameo,
        quad_class=row.quad_class, goldstein=row.goldstein, date=row.date, day=row.day,
        date_text=row.date_text,
        source=_side(row.source_ids, row.source_codes, row.source_names, row.source_countries,
                     row.source_sectors),
        target=_side(row.target_ids, row.target_codes, row.target_names, row.target_countries,
                     row.target_sectors),
        location=_location(row), negated=row.negated, modality=row.modality,
        reported_by=row.reported_by, reported_by_name=row.reported_by_name,
        trigger=SpanOut(start=row.trigger_start, end=row.trigger_end, text=row.trigger_text),
        evidence=SpanOut(start=row.evidence_start, end=row.evidence_end,
                         text=row.evidence_text),
        confidence=row.confidence,
        article=ArticleRef(title=row.title, published=row.published, source=row.article_source,
                           publisher=row.publisher, url=row.url),
    )


def dyad_period(row: DyadPeriod) -> DyadPeriodOut:
    return DyadPeriodOut(period=row.period, events=row.events, cooperation=row.cooperation,
                         conflict=row.conflict, mean_goldstein=row.mean_goldstein)


def actor_summary(row: ActorRow) -> ActorSummary:
    return ActorSummary(code=row.code, name=row.name, country=row.country, sector=row.sector,
                        kb_id=row.kb_id, articles=row.articles, events=row.events)


def search_hit(row: SearchHit) -> SearchHitOut:
    return SearchHitOut(article_id=row.article_id, title=row.title, published=row.published,
                        score=row.score, snippet=row.snippet)


def edge(row: Edge) -> EdgeOut:
    return EdgeOut(source=row.source, target=row.target, events=row.events,
                   mean_goldstein=row.mean_goldstein)


def map_point(row: MapPoint) -> MapPointOut:
    return MapPointOut(lat=row.lat, lon=row.lon, name=row.name, country=row.country,
                       events=row.events)


def quote_item(row: QuoteRow) -> QuoteItem:
    return QuoteItem(
        article_id=row.article_id, quote_id=row.quote_id, kind=row.kind, text=row.text,
        start=row.start, end=row.end, speaker_id=row.speaker_id, speaker_name=row.speaker_name,
        speaker_code=row.speaker_code, speaker_text=row.speaker_text, cue=row.cue,
        title=row.title, published=row.published,
    )
