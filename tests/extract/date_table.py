# ruff: noqa: E501  (sentences stay whole, one per line, so they can be found in their sources)
"""Date expressions in real sentences, resolved by hand: the table tests/extract/test_dates.py
checks `find_dates` against and scripts/compare_dates.py scores it (and dateparser) on.

Each sentence is as published in its source: the seed articles (counterclaim/data/sample/
seeds/), the Wikinews demo corpus (counterclaim/data/sample/wikinews/wikinews_2019.csv and
wikinews_2020.csv, named by file and title) and PolNeAR's training texts
(/work/shared/data/attribution/polnear/train/text/, named by file). `published` is the anchor
the caller would pass: the publication date (for the seeds, the dateline's, which is the same).

Each expected date was worked out by hand on a calendar from the publication date, and where
the event is known, checked against its real date (`note`). The conventions are the
extractor's (counterclaim/extract/dates/): a range's `expected` is its first day and `end`
its last; a month or year is given by its first day; `two years ago` in 2017 is the year 2015;
`over the past two years` runs from there to the anchor. A case the rules get wrong is kept,
marked `known_miss`, so that scores count it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DateCase:
    source: str
    sentence: str
    published: date
    expression: str  # as it stands in the sentence, and as `find_dates` should span it
    expected: date  # the first day it denotes
    precision: str  # day, month or year
    end: date | None = None  # the last day, for a range
    note: str = ""
    known_miss: bool = False


@dataclass(frozen=True)
class NonDate:
    """An expression in a real sentence that is not a date and must give none."""

    source: str
    sentence: str
    published: date
    expression: str
    note: str


def _expect(
    expression: str,
    expected: date,
    precision: str,
    end: date | None = None,
    note: str = "",
    known_miss: bool = False,
) -> tuple:
    return expression, expected, precision, end, note, known_miss


def _sentence(source: str, published: date, sentence: str, expectations: list[tuple]) -> list:
    return [DateCase(source, sentence, published, *e) for e in expectations]


_SENTENCES = [
    _sentence(
        "seeds/000_40f56addfa937b60.txt",
        date(2017, 10, 5),
        'Moscow, October 5 (RHC)-- Russia has accused the U.S. forces of providing intelligence to the Daesh Takfiri terrorists in eastern Syria, saying Washington is clearly "flirting" with the terrorist group.',
        [
            _expect(
                "October 5", date(2017, 10, 5), "day", note="dateline date, year from the anchor"
            ),
        ],
    ),
    _sentence(
        "seeds/000_40f56addfa937b60.txt",
        date(2017, 10, 5),
        'Major General Igor Konashenkov, a spokesman for Russia\'s Defense Ministry, said on Wednesday that "the main obstacle to completing the defeat of Islamic State (Daesh) in Syria is not the military capability of the terrorists but the support for them, and flirtation with them, by the United States."',
        [
            _expect(
                "on Wednesday",
                date(2017, 10, 4),
                "day",
                note="Thursday 2017-10-05: the Wednesday before",
            ),
        ],
    ),
    _sentence(
        "seeds/000_40f56addfa937b60.txt",
        date(2017, 10, 5),
        "Russia has been a major backer of Syria's fight against terrorists over the past two years.",
        [
            _expect(
                "over the past two years",
                date(2015, 1, 1),
                "year",
                end=date(2017, 10, 5),
                note="range from `two years ago` (2015) to the anchor",
            ),
        ],
    ),
    _sentence(
        "seeds/000_40f56addfa937b60.txt",
        date(2017, 10, 5),
        "The U.S. and allies in the West have repeatedly criticized Russia's assistance, which came at an official request by Damascus in September 2015 and has led to crucial wins against militants.",
        [
            _expect("in September 2015", date(2015, 9, 1), "month", note="explicit month and year"),
        ],
    ),
    _sentence(
        "seeds/000_40f56addfa937b60.txt",
        date(2017, 10, 5),
        "Syria's anti-terror fight continues in Dayr al-Zawr, where Daesh was pushed back to areas near the border with Jordan after its three-year-long siege on the provincial capital city broke last month.",
        [
            _expect("last month", date(2017, 9, 1), "month", note="month before October 2017"),
        ],
    ),
    _sentence(
        "seeds/003_a351751347c4defc.txt",
        date(2017, 10, 7),
        "date 2017-10-07 WASHINGTON (Sputnik) – The aim of the US-led coalition in Syria is to fight Daesh terrorist group (ISIS, Islamic State, banned in Russia), any claims to the contrary are ridiculous, a Pentagon spokesperson told Sputnik on Friday commenting on a statement made by the Russian Defense Ministry, saying that the United States “supporting and flirting with” terrorists is the main obstacle for defeating them.",
        [
            _expect(
                "2017-10-07",
                date(2017, 10, 7),
                "day",
                note="ISO date in the saved page's credit line",
            ),
            _expect(
                "on Friday", date(2017, 10, 6), "day", note="Saturday 2017-10-07: the Friday before"
            ),
        ],
    ),
    _sentence(
        "seeds/003_a351751347c4defc.txt",
        date(2017, 10, 7),
        "The Pentagon told Sputnik on Friday it encouraged the Syrian government forces’ and Russian efforts to focus on Daesh terrorist group and prevent “unnecessary conflict.”",
        [
            _expect(
                "on Friday", date(2017, 10, 6), "day", note="Saturday 2017-10-07: the Friday before"
            ),
        ],
    ),
    _sentence(
        "seeds/003_a351751347c4defc.txt",
        date(2017, 10, 7),
        "The Russian Defense Ministry said on Wednesday that it had warned the United States that any allegedly attacks by terrorists from zone controlled by US forces would be repelled, adding a series of Daesh attacks against the Syrian forces have been carried out from the areas where the “US military mission” is deployed. The same day, the Pentagon denied complicity with Daesh in Syria.",
        [
            _expect(
                "on Wednesday",
                date(2017, 10, 4),
                "day",
                note="Saturday 2017-10-07: the Wednesday before",
            ),
            _expect(
                "The same day",
                date(2017, 10, 4),
                "day",
                note="the day of `on Wednesday` just before",
            ),
        ],
    ),
    _sentence(
        "seeds/003_a351751347c4defc.txt",
        date(2017, 10, 7),
        "On September 28, a group of 300 Daesh militants left the city of Rubkan moving in the direction of the city of Al-Qaryatayn in the Homs province. The militants managed to avoid the Syrian army’s hidden posts using coordinates that can only be obtained through aerial reconnaissance and attacked Syrian positions. On the same day, another Daesh group conducted a number of attacks against the Syrian forces along the strategic road connecting Palmyra and Deir ez-Zor.",
        [
            _expect(
                "On September 28",
                date(2017, 9, 28),
                "day",
                note="nine days before the anchor, same year",
            ),
            _expect(
                "On the same day", date(2017, 9, 28), "day", note="the day of `On September 28`"
            ),
        ],
    ),
    _sentence(
        "seeds/003_a351751347c4defc.txt",
        date(2017, 10, 7),
        "Earlier in September, the Russian Defense Ministry published a batch of aerial pictures showing that the Syrian Democratic Forces (SDF) and the US troops that support them are present in Syria’s areas held by Daesh.",
        [
            _expect(
                "Earlier in September",
                date(2017, 9, 1),
                "month",
                note="the September before October 2017",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Magnitogorsk apartment building collapses after explosion, dozens dead",
        date(2019, 1, 4),
        "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia.",
        [
            _expect(
                "on Monday",
                date(2018, 12, 31),
                "day",
                note="Friday 2019-01-04: Monday of that week is in the old year",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Magnitogorsk apartment building collapses after explosion, dozens dead",
        date(2019, 1, 4),
        "A total of 39 are confirmed dead, officials told state media, adding that rescuers ended their work yesterday.",
        [
            _expect("yesterday", date(2019, 1, 3), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Escape room fire kills five teen girls in Koszalin, Poland",
        date(2019, 1, 5),
        "A fire yesterday afternoon killed five girls, all aged fifteen, at an escape room the group was visiting to celebrate a birthday in Koszalin, North Poland.",
        [
            _expect("yesterday afternoon", date(2019, 1, 4), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Escape room fire kills five teen girls in Koszalin, Poland",
        date(2019, 1, 5),
        "Mayor of Koszalin Piotr Jedlinski has declared tomorrow a day of mourning.",
        [
            _expect("tomorrow", date(2019, 1, 6), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Bombs kill at least 20 at cathedral in Mindanao, Philippines",
        date(2019, 1, 28),
        "Twin bombings yesterday struck the Jolo Cathedral in Mindanao, Philippines.",
        [
            _expect(
                "yesterday",
                date(2019, 1, 27),
                "day",
                note="Jolo cathedral bombing, 27 January 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Former president of France Jacques Chirac dies aged 86",
        date(2019, 9, 26),
        "This morning Jacques Chirac, who served as President of France for twelve years, died at home in Paris, France, surrounded by family.",
        [
            _expect("This morning", date(2019, 9, 26), "day", note="Chirac died 26 September 2019"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Hurricane Dorian strengthens to Category 5, makes landfall in the Bahamas",
        date(2019, 9, 1),
        "Dorian reached the Bahamas earlier today, making landfall in Elbow Cay.",
        [
            _expect(
                "earlier today",
                date(2019, 9, 1),
                "day",
                note="landfall on Elbow Cay, 1 September 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Iran's President Rouhani tells foreign powers to leave Persian Gulf",
        date(2019, 9, 23),
        "The annual meeting of the United Nations General Assembly is set to open tomorrow.",
        [
            _expect(
                "tomorrow",
                date(2019, 9, 24),
                "day",
                note="UN General Debate opened 24 September 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Joe Biden wins 2020 South Carolina US Democratic presidential primary",
        date(2020, 3, 2),
        "According to the National Conference of State Legislatures, the next primary election for either the Democratic or Republican Party is scheduled for tomorrow, when both parties are to hold more than a dozen primary elections.",
        [
            _expect("tomorrow", date(2020, 3, 3), "day", note="Super Tuesday, 3 March 2020"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Hong Kong protests continue through police opposition, rainstorms",
        date(2019, 8, 19),
        "Yesterday, what organizers estimated at 1.7 million Hongkongers, about a quarter of the city's population, marched from downtown Victoria Park toward the Central district, despite both pouring rain and police disapproval in the eleventh week of pro-Democracy protests against Chinese government encroachment on Hong Kong's rights and freedoms.",
        [
            _expect(
                "Yesterday",
                date(2019, 8, 18),
                "day",
                note="Victoria Park rally, Sunday 18 August 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Ukrainian president rejects prime minister's resignation over leaked audio recording",
        date(2020, 1, 18),
        "Yesterday, Ukrainian President Volodymyr Zelensky declined Prime Minister Oleksiy Honcharuk's offer to resign after the leak of an audio recording in which someone, seemingly Honcharuk, audibly says Zelensky \"has a very primitive understanding of economic processes.",
        [
            _expect("Yesterday", date(2020, 1, 17), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Hickenlooper ends US presidential bid, senate run possible",
        date(2019, 8, 16),
        "John Hickenlooper, who was a candidate in the Democratic primaries for the 2020 United States presidential election, ended his campaign yesterday.",
        [
            _expect(
                "yesterday", date(2019, 8, 15), "day", note="Hickenlooper withdrew 15 August 2019"
            ),
            _expect("2020", date(2020, 1, 1), "year", note="`the 2020 ... election`: a year"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Three children seriously injured as bus hits bridge in Winchester, England",
        date(2020, 9, 10),
        'A Hampshire Police spokesman said "We were called at 8.10am today, 10 September, to reports of a serious collision on Wellhouse Lane, Winchester, after a school bus collided with a railway bridge causing significant damage to the top of the bus.',
        [
            _expect(
                "10 September",
                date(2020, 9, 10),
                "day",
                note="day before month, year from the anchor",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Samoan government temporarily shuts down for nationwide measles vaccination drive",
        date(2019, 12, 7),
        'Since the Mass Vaccination Campaign on 20 Nov 2019, the Ministry has successfully vaccinated 58,150 individuals."',
        [
            _expect("on 20 Nov 2019", date(2019, 11, 20), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Samoan government temporarily shuts down for nationwide measles vaccination drive",
        date(2019, 12, 7),
        "The Samoan government declared a state of emergency on November 15, shut down all schools as of November 17, and later banned children from public gatherings in an effort to curb the spread of the disease.",
        [
            _expect("on November 15", date(2019, 11, 15), "day"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Samoan government ends state of emergency over measles outbreak",
        date(2020, 1, 1),
        "On Sunday, the state of emergency begun on November 15 over a measles outbreak ended in Samoa.",
        [
            _expect(
                "On Sunday",
                date(2019, 12, 29),
                "day",
                note="Wednesday 2020-01-01: the Sunday before, in the old year",
            ),
            _expect(
                "on November 15",
                date(2019, 11, 15),
                "day",
                note="November 15 is ahead of January 1 in the year: last year's",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Samoan government ends state of emergency over measles outbreak",
        date(2020, 1, 1),
        "In 2019 in the Pacific region, outbreaks of measles were declared in parts of the Philippines first on February 6, Tonga on October 22, Fiji on November 7, and American Samoa on December 8.",
        [
            _expect("In 2019", date(2019, 1, 1), "year"),
            _expect(
                "on February 6",
                date(2019, 2, 6),
                "day",
                note="past clause: the latest February 6 before 2020-01-01",
            ),
            _expect("on December 8", date(2019, 12, 8), "day"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Samoan government ends state of emergency over measles outbreak",
        date(2020, 1, 1),
        "The island nation's cabinet unanimously voted to lift it on Saturday afternoon, and the National Emergency Operation Centre (NEOC) announced the decision that night.",
        [
            _expect(
                "on Saturday afternoon",
                date(2019, 12, 28),
                "day",
                note="Wednesday 2020-01-01: the Saturday before",
            ),
            _expect("that night", date(2019, 12, 28), "day", note="the night of that Saturday"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Turkey's President Erdogan proposes converting Hagia Sophia Museum to mosque",
        date(2019, 3, 31),
        "On live television Erdogan also attacked the proclamation of Golan Heights as official Israeli territory by the President of the United States Donald Trump, which was made on Monday.",
        [
            _expect(
                "on Monday",
                date(2019, 3, 25),
                "day",
                note="Golan Heights proclamation, 25 March 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Thai political party withdraws nomination of princess for prime minister",
        date(2019, 2, 11),
        "The country's election commission is scheduled to discuss the events of this past weekend on Monday.",
        [
            _expect(
                "this past weekend",
                date(2019, 2, 9),
                "day",
                end=date(2019, 2, 10),
                note="Monday 2019-02-11: the weekend just gone",
            ),
            _expect(
                "on Monday",
                date(2019, 2, 11),
                "day",
                note="scheduled, in an article of that Monday: the same day",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: SpaceX Crew Dragon capsule docks with International Space Station",
        date(2019, 3, 5),
        "The Crew Dragon is scheduled to remain at the station during the week and return to Earth on Friday.",
        [
            _expect("on Friday", date(2019, 3, 8), "day", note="Demo-1 splashdown, 8 March 2019"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Hurricane Humberto strengthens to Category 3 while approaching Bermuda",
        date(2019, 9, 19),
        "The NHC predicted that Humberto would pass by Bermuda Wednesday night, before beginning to weaken on Thursday.",
        [
            _expect(
                "Wednesday night",
                date(2019, 9, 18),
                "day",
                note="`would` from a past prediction: Humberto passed Bermuda late 18 September",
            ),
            _expect("on Thursday", date(2019, 9, 19), "day", note="Thursday: the anchor itself"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Aftershocks increase death toll of magnitude 6.3 earthquake in southern Philippines",
        date(2019, 10, 22),
        "On Saturday, aftershocks of a powerful earthquake with reported magnitude 6.3 that struck southern Philippines on Wednesday night have increased the death toll of the extended event from five people to six due to a massive landslide following a 5.0 magnitude aftershock on Saturday.",
        [
            _expect("On Saturday", date(2019, 10, 19), "day"),
            _expect(
                "on Wednesday night",
                date(2019, 10, 16),
                "day",
                note="Cotabato earthquake, evening of 16 October 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Toronto serial killer Bruce McArthur pleads guilty to eight murders",
        date(2019, 2, 1),
        'Toronto Police, which indicated on Monday a "significant development" was likely at Tuesday\'s hearing, face allegations they failed to react quickly enough to the series of disappearances.',
        [
            _expect("on Monday", date(2019, 1, 28), "day"),
            _expect(
                "Tuesday",
                date(2019, 1, 29),
                "day",
                note="`was likely at Tuesday's hearing` seen from Monday; McArthur pleaded guilty 29 January 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Chilean authorities report first COVID-19 outbreak in Antarctica",
        date(2020, 12, 26),
        "The Health Minister for the Biobio Region in Chile reported on Tuesday, 21 confirmed cases of the virus on Chilean Navy's Sergeant Aldea supply vessel that visited the base between November 27 and December 10.",
        [
            _expect("on Tuesday", date(2020, 12, 22), "day"),
            _expect(
                "between November 27 and December 10",
                date(2020, 11, 27),
                "day",
                end=date(2020, 12, 10),
                note="range",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: British supermarket chain Tesco to sell its Polish branch to Salling Group A/S",
        date(2020, 6, 21),
        "On Thursday, UK-based retailer Tesco and Denmark-based retailer Salling Group announced their agreement over selling a large portion of Tesco's Polish operation to Salling Group.",
        [
            _expect("On Thursday", date(2020, 6, 18), "day"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Iran issues arrest warrants for 36 people, including US President Trump; seeks Interpol's aid",
        date(2020, 7, 2),
        "On Monday, state-owned Iranian news agency Fars reported Iran issued arrest warrants on 36 people believed to have been involved in the assassination of the general Qasem Soleimani in January and demanded from Interpol to publish a red notice for US president Donald Trump.",
        [
            _expect("On Monday", date(2020, 6, 29), "day"),
            _expect(
                "in January", date(2020, 1, 1), "month", note="Soleimani killed 3 January 2020"
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Coalition authorities report no casualties from missile strike on Iraqi air base",
        date(2019, 11, 10),
        "On Friday, the Combined Joint Task Force Operation Inherent Resolve released a statement saying an attack that day on an Iraqi air base housing U.S. military personnel near Mosul produced no casualties.",
        [
            _expect("On Friday", date(2019, 11, 8), "day"),
            _expect("that day", date(2019, 11, 8), "day", note="the Friday named just before"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Male Magellanic penguins pine for pairings: Wikinews interviews biologist Natasha Gownaris",
        date(2019, 1, 27),
        "In findings published earlier this month in Ecological Applications, scientists from the University of Washington and Center for Ecosystem Sentinels examine the reason for the plummeting numbers of female Magellanic penguins, Spheniscus magellanicus, that have been reported at the birds' breeding sites in South America over the past twenty years and more.",
        [
            _expect("earlier this month", date(2019, 1, 1), "month"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Puerto Rico governor announces resignation following protests",
        date(2019, 7, 28),
        "Rosselló said he is to leave office next month on August 2 at 5 p.m. local time (2100 UTC).",
        [
            _expect("next month", date(2019, 8, 1), "month"),
            _expect(
                "on August 2",
                date(2019, 8, 2),
                "day",
                note="`is to`: future; Rosselló left office 2 August 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Puerto Rico governor announces resignation following protests",
        date(2019, 7, 28),
        "The Puerto Rico Center for Investigative Journalism obtained the Telegram messages between Rosselló and eleven others and released them publicly on July 13.",
        [
            _expect("on July 13", date(2019, 7, 13), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Report indicates Mexican monarch butterfly population at ten-year high, reasons unclear",
        date(2019, 2, 2),
        "He also said this is not likely to happen again next year.",
        [
            _expect("next year", date(2020, 1, 1), "year"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Report indicates Mexican monarch butterfly population at ten-year high, reasons unclear",
        date(2019, 2, 2),
        "The hibernation area was as large as 21 hectares in the 1990s and as low as under a hectare in 2014.",
        [
            _expect(
                "in the 1990s",
                date(1990, 1, 1),
                "year",
                end=date(1999, 12, 31),
                note="a decade: a range of years",
            ),
            _expect("in 2014", date(2014, 1, 1), "year"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: SpaceX successfully launches its first crewed spaceflight",
        date(2020, 5, 31),
        "Boeing's first crewed mission is reportedly expected to launch next year.",
        [
            _expect("next year", date(2021, 1, 1), "year"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: German authorities confirm first case of novel coronavirus in Germany",
        date(2020, 1, 28),
        "According to the official WHO report yesterday, there had been 2741 confirmed cases, 80 deaths, 461 severe cases, and 5794 suspected cases in China, 37 confirmed cases in other countries.",
        [
            _expect("yesterday", date(2020, 1, 27), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: UK Supreme Court rules prorogation of parliament unlawful",
        date(2019, 9, 24),
        'On September 13 — two days after the Court of Session ruling — he said he remained "cautiously optimistic" a deal would be reached.',
        [
            _expect("On September 13", date(2019, 9, 13), "day"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: US Representative Elijah Cummings dies at age 68",
        date(2019, 10, 18),
        "The Baltimore Sun reported Cummings had been sick and was missing from Capitol Hill; his last roll call vote was on September 11.",
        [
            _expect(
                "on September 11",
                date(2019, 9, 11),
                "day",
                note="not `the Sept. 11 attacks`: this year's",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Bangladesh reports five new deaths due to COVID-19, a daily highest",
        date(2020, 4, 8),
        "The World Health Organization (WHO) declared COVID-19 a pandemic on March 11.",
        [
            _expect(
                "on March 11",
                date(2020, 3, 11),
                "day",
                note="WHO pandemic declaration, 11 March 2020",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Bangladesh reports five new deaths due to COVID-19, a daily highest",
        date(2020, 4, 8),
        "This public transport shutdown had initially started on March 26 and was planned to end on Saturday, April 4.",
        [
            _expect("on March 26", date(2020, 3, 26), "day"),
            _expect("on Saturday, April 4", date(2020, 4, 4), "day", note="weekday and date agree"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: SARS-CoV-2 surpasses one million infections worldwide",
        date(2020, 4, 5),
        "Nationally, President Vladimir Putin declared Russians would continue to be paid without going to work until April 30.",
        [
            _expect(
                "April 30",
                date(2020, 4, 30),
                "day",
                note="`would continue ... until`: 25 days ahead of the anchor",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Hong Kong leader announces withdrawal of extradition bill",
        date(2019, 9, 6),
        "More than 1000 people have been arrested since the protests began in June, according to The Guardian.",
        [
            _expect("in June", date(2019, 6, 1), "month"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: US Department of Justice investigating Ford over emissions testing problems",
        date(2019, 4, 28),
        "In February, Ford announced investigating itself, following employee concerns that emission testing calculation could be inconsistent.",
        [
            _expect("In February", date(2019, 2, 1), "month"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: US professional wrestler Jon Huber dies aged 41",
        date(2020, 12, 28),
        "This past August, he won the promotion's TNT Championship.",
        [
            _expect("This past August", date(2020, 8, 1), "month"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: US professional wrestler Jon Huber dies aged 41",
        date(2020, 12, 28),
        "At the time of his death, Huber was signed to AEW but had been absent from television tapings since October for reasons not publicized.",
        [
            _expect("October", date(2020, 10, 1), "month", note="`since` stays out of the span"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: US president Trump ousts national security advisor Bolton",
        date(2019, 9, 12),
        "Bolton had held the position since April 2018 and was the third official to serve in that office during the Trump administration since 2017.",
        [
            _expect("April 2018", date(2018, 4, 1), "month"),
            _expect("2017", date(2017, 1, 1), "year"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Philippines' largest television network shut down by government",
        date(2020, 5, 6),
        "The network tried to renew their franchise as early as July 2019, but all eleven of the legislative bills filed have been stuck in Congress.",
        [
            _expect("July 2019", date(2019, 7, 1), "month"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Former Egyptian President Hosni Mubarak dies",
        date(2020, 2, 27),
        "Mubarak was the President of Egypt from 1981 until 2011.",
        [
            _expect(
                "from 1981 until 2011",
                date(1981, 1, 1),
                "year",
                end=date(2011, 12, 31),
                note="range of years",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Study indicates as great white shark disappears, living fossil moves in",
        date(2019, 2, 16),
        "The great white shark population remained relatively stable until 2015, at which point their numbers went into sharp decline, sometimes reaching zero during 2017–2018.",
        [
            _expect(
                "during 2017–2018",
                date(2017, 1, 1),
                "year",
                end=date(2018, 12, 31),
                note="range of years with a dash",
            ),
            _expect("2015", date(2015, 1, 1), "year"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Kenya's Brigid Kosgei sets new world record at Chicago Marathon",
        date(2019, 10, 14),
        "This was 81 seconds faster than Paula Radcliffe's mixed-sex mark set at the 2003 London Marathon.",
        [
            _expect("2003", date(2003, 1, 1), "year"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Students compete in second international Neurosurgery Olympiad in Tyumen, Russia",
        date(2019, 5, 6),
        "A year ago, this native of the Dagestan village took first prize, and he is now one of the organizers of the Olympiad.",
        [
            _expect("A year ago", date(2018, 1, 1), "year"),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Red Hat to move focus away from CentOS in favour of Stream; CentOS team discuss implications with Wikinews",
        date(2020, 12, 14),
        "About 1 year ago, Stream was introduced, as a way to make the work around RHEL more public, allowing the users to contribute.",
        [
            _expect(
                "About 1 year ago",
                date(2019, 1, 1),
                "year",
                note="CentOS Stream announced September 2019",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Hurricane Lorenzo hits Azores, heads towards Ireland",
        date(2019, 10, 2),
        "The warnings apply from tomorrow night into Friday morning.",
        [
            _expect("tomorrow night", date(2019, 10, 3), "day"),
            _expect(
                "Friday morning",
                date(2019, 10, 4),
                "day",
                note="present tense of a warning: the coming Friday",
            ),
        ],
    ),
    _sentence(
        "wikinews_2020.csv: Second US Biden-Trump debate cancelled amid safety controversy",
        date(2020, 10, 12),
        "The United States Commission on Presidential Debates announced on Friday the second presidential debate between US President Donald Trump and former US Vice President Joe Biden, which was slated for October 15, has been cancelled, citing COVID-19 safety concerns.",
        [
            _expect(
                "on Friday", date(2020, 10, 9), "day", note="debate cancelled Friday 9 October 2020"
            ),
            _expect("October 15", date(2020, 10, 15), "day", note="three days after the anchor"),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Toronto Comicon 2019 welcomes fans with celebrities, creativity, cosplay",
        date(2019, 3, 29),
        "Toronto Comicon 2019 returned to its titular city from March 15 to 17, as one of the largest pop culture events in Canada.",
        [
            _expect(
                "March 15 to 17",
                date(2019, 3, 15),
                "day",
                end=date(2019, 3, 17),
                note="range of days",
            ),
        ],
    ),
    _sentence(
        "wikinews_2019.csv: Boris Johnson elected Conservative leader, slated to be Britain's next Prime Minister",
        date(2019, 7, 24),
        "Current Prime Minister Theresa May is to step down today, with Johnson succeeding her as the Prime Minister of Great Britain.",
        [
            _expect("today", date(2019, 7, 24), "day", note="May resigned 24 July 2019"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2015-12-22_in-brief.txt",
        date(2015, 12, 22),
        'Rajoy said Monday that he will "try to form a stable government" and insisted that his party was "still the No. 1 force in Spain.',
        [
            _expect("Monday", date(2015, 12, 21), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-04-11_clinton-and-sanders-trade-low-bl.txt",
        date(2016, 4, 11),
        "Clearly an intelligent person, experienced person,\" Sanders campaign manager Jeff Weaver said Monday in an interview with MSNBC's Tamron Hall.",
        [
            _expect("Monday", date(2016, 4, 11), "day", note="the anchor's own weekday"),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-07-06_understated-perez-raises-politic.txt",
        date(2016, 7, 6),
        '"Donald Trump is a fraud," Perez said Sunday on NBC\'s "Meet the Press."',
        [
            _expect("Sunday", date(2016, 7, 3), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/huff-post_2016-06-08_chuck-grassley-compares-trump-s-.txt",
        date(2016, 6, 8),
        "“You just can’t equate the two, and I wasn’t meaning to equate the two,” Grassley said Wednesday afternoon.",
        [
            _expect("Wednesday afternoon", date(2016, 6, 8), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2015-11-19_hillary-clinton-calls-on-u-s-to-.txt",
        date(2015, 11, 19),
        "“This is a worldwide fight and America must lead it, our strategy should have three main elements,” Clinton said on Thursday during a speech at the Council of Foreign Relations in New York City.",
        [
            _expect("on Thursday", date(2015, 11, 19), "day", note="CFR speech, 19 November 2015"),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-03-18_why-obama-s-high-court-pick-migh.txt",
        date(2016, 3, 18),
        "On Wednesday, Obama privately made the case to 23 progressive group leaders that he did not sell them out.",
        [
            _expect("On Wednesday", date(2016, 3, 16), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-05-11_london-s-muslim-mayor-rebuffs-tr.txt",
        date(2016, 5, 11),
        'On Monday, Trump said he was "happy to see" that Khan was voted in, according to The New York Times.',
        [
            _expect("On Monday", date(2016, 5, 9), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2016-06-05_the-latest-mourners-say-ali-s-de.txt",
        date(2016, 6, 5),
        "A public memorial service is planned Friday in Louisville.",
        [
            _expect(
                "Friday", date(2016, 6, 10), "day", note="`is planned`: Ali memorial, 10 June 2016"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-03-03_push-inside-gop-to-upend-trump.txt",
        date(2016, 3, 3),
        "The decentralized and desperate stop-Trump campaign found a possible new leader in Mitt Romney, the party's 2012 presidential nominee, who is expected to deliver a forceful, top-to-bottom indictment of Trump in a speech on Thursday.",
        [
            _expect(
                "on Thursday",
                date(2016, 3, 3),
                "day",
                note="future clause, same weekday as the anchor: that day (Romney's speech, 3 March 2016)",
            ),
            _expect("2012", date(2012, 1, 1), "year"),
        ],
    ),
    _sentence(
        "polnear/train/text/west-journal_2016-01-20_wow-glenn-beck-just-responded-to.txt",
        date(2016, 1, 20),
        "The Washington Times reports\xa0Beck will endorse Trump rival Sen. Ted Cruz at a rally in Iowa on Saturday.",
        [
            _expect(
                "on Saturday",
                date(2016, 1, 23),
                "day",
                note="`will`: Beck endorsed Cruz 23 January 2016",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-04-28_nomination-almost-certain-clinto.txt",
        date(2016, 4, 28),
        "Her victories in Pennsylvania, Maryland, Connecticut and Delaware on Tuesday will only accelerate that shift.",
        [
            _expect(
                "on Tuesday",
                date(2016, 4, 26),
                "day",
                note="`victories ... will accelerate`: past event, 26 April primaries",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-04-09_trump-s-getting-trounced-in-indi.txt",
        date(2016, 4, 9),
        "“Donald Trump would likely have a steep hill to climb in persuading delegates to him, depending on who’s selected between now and next Wednesday,” said Hammond.",
        [
            _expect("next Wednesday", date(2016, 4, 13), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-03-10_trump-s-rivals-pull-their-punche.txt",
        date(2016, 3, 10),
        "No one, in fact, is eager to attack him at all — even on these issues of real resonance in the states casting votes next Tuesday — after so many attempts to do so have backfired so spectacularly.",
        [
            _expect("next Tuesday", date(2016, 3, 15), "day", note="15 March 2016 primaries"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-07-05_report-walker-to-speak-at-republ.txt",
        date(2016, 7, 5),
        '"The speakers slots at the Republican Convention are totally filled, with a long waiting list of those that want to speak - Wednesday release," Trump tweeted last Saturday.',
        [
            _expect("last Saturday", date(2016, 7, 2), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2015-11-18_paris-attacks-test-clinton-s-str.txt",
        date(2015, 11, 18),
        "In a New York Times/CBS News survey released last Thursday, 79 percent of Democrats said they were satisfied or very satisfied with Mr. Obama's presidency and 60 percent said they would like to see the next president continue his policies.",
        [
            _expect("last Thursday", date(2015, 11, 12), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-03-10_scrappy-debate-signals-long-grin.txt",
        date(2016, 3, 10),
        "Her attack on Sanders in last Sunday's debate as an opponent of the auto bailout was a stretch at best, a deliberate distortion at worst.",
        [
            _expect("last Sunday", date(2016, 3, 6), "day", note="Flint debate, 6 March 2016"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2015-12-08_most-oppose-defunding-planned-pa.txt",
        date(2015, 12, 8),
        "The alleged shooter, Robert Lewis Dear, is likely to appear in court Wednesday to hear prosecutors specify the charges against him.",
        [
            _expect("Wednesday", date(2015, 12, 9), "day", note="`is likely to`: future"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-02-05_independents-alone-won-t-decide-.txt",
        date(2016, 2, 5),
        "New Hampshire's independent voters won't by themselves determine winners and losers in the state's first-in-the-nation primary Tuesday.",
        [
            _expect(
                "Tuesday", date(2016, 2, 9), "day", note="New Hampshire primary, 9 February 2016"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-04-04_anti-trump-super-pac-does-wiscon.txt",
        date(2016, 4, 4),
        "Polls there show Trump is trailing Ted Cruz just ahead of Tuesday's vote.",
        [
            _expect(
                "Tuesday",
                date(2016, 4, 5),
                "day",
                note="`ahead of`: Wisconsin primary, 5 April 2016",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-02-11_sanders-faces-test-on-appeal-to-.txt",
        date(2016, 2, 11),
        "After trouncing Hillary Clinton in Tuesday's Democratic presidential primary in New Hampshire, the Vermont senator must prepare to face more diverse electorates as he turns to contests in Nevada on Feb. 20 and South Carolina on Feb. 27.",
        [
            _expect("Tuesday", date(2016, 2, 9), "day", note="`After ... Tuesday's primary`"),
            _expect("on Feb. 20", date(2016, 2, 20), "day", note="Nevada caucuses"),
            _expect(
                "on Feb. 27", date(2016, 2, 27), "day", note="South Carolina Democratic primary"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-03-03_push-inside-gop-to-upend-trump.txt",
        date(2016, 3, 3),
        "Packer said the increased focus on Trump is taking a toll on the front-runner, pointing to Cruz's victories Tuesday in Texas, Oklahoma and Alaska.",
        [
            _expect(
                "Tuesday", date(2016, 3, 1), "day", note="Super Tuesday, in a present-tense clause"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/west-journal_2016-03-04_kasich-just-revealed-the-thing-h.txt",
        date(2016, 3, 4),
        "Kasich is coming off a strong debate Thursday night, when many commentators called him “the grownup on the stage” amidst the food fight between the top three contenders.",
        [
            _expect("Thursday night", date(2016, 3, 3), "day", note="Detroit debate, 3 March 2016"),
        ],
    ),
    _sentence(
        "polnear/train/text/west-journal_2016-03-04_kasich-just-revealed-the-thing-h.txt",
        date(2016, 3, 4),
        "Sen. Ted Cruz is slated to address CPAC on Friday, while Sen. Marco Rubio is scheduled for Saturday.",
        [
            _expect("on Friday", date(2016, 3, 4), "day", note="the anchor's own weekday"),
            _expect("Saturday", date(2016, 3, 5), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-01-31_can-the-gop-establishment-stop-t.txt",
        date(2016, 1, 31),
        "It could happen if Donald Trump rolls through the Iowa caucuses Monday, goes on to win the Feb. 9 New Hampshire primary handily and uses those two states as a springboard to a big victory in the Feb. 20 South Carolina primary.",
        [
            _expect("Monday", date(2016, 2, 1), "day", note="Iowa caucuses, 1 February 2016"),
            _expect("Feb. 9", date(2016, 2, 9), "day"),
            _expect("Feb. 20", date(2016, 2, 20), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-01-29_absent-trump-derides-debate-cruz.txt",
        date(2016, 1, 29),
        "Donald Trump threatened to run away from the Republican presidential field Thursday night in the final debate before Iowans kick off the 2016 voting Monday.",
        [
            _expect(
                "Thursday night",
                date(2016, 1, 28),
                "day",
                note="Des Moines debate, 28 January 2016",
            ),
            _expect("Monday", date(2016, 2, 1), "day", note="`before Iowans kick off ... Monday`"),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-05-19_u-s-to-increase-overtime-eligibi.txt",
        date(2016, 5, 19),
        "Under the new regulation that was to be issued by the Labor Department on Wednesday, most salaried workers earning up to $47,476 a year must receive time-and-a-half overtime pay when they work more than 40 hours during a week.",
        [
            _expect(
                "on Wednesday",
                date(2016, 5, 18),
                "day",
                note="`was to be issued`: overtime rule, 18 May 2016",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/west-journal_2016-06-21_trump-makes-campaign-announcemen.txt",
        date(2016, 6, 21),
        "Republican presidential candidate Donald Trump will follow Democratic candidate Hillary Clinton’s Tuesday speech denouncing his economic policies with a speech of his own Wednesday morning.",
        [
            _expect(
                "Tuesday",
                date(2016, 6, 21),
                "day",
                note="`Clinton's Tuesday speech`, the anchor's own day",
            ),
            _expect("Wednesday morning", date(2016, 6, 22), "day", note="`will follow`"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-03-12_super-pac-ad-hits-trump-on-escal.txt",
        date(2016, 3, 12),
        "The 60-second spot, which is airing on national cable and could hit Florida airwaves Monday, starts with a montage of Trump's comments about wanting to punch protesters In the face and goes on to highlight the alleged assault of Breitbart reporter Michelle Fields by Corey Lewandowski, Trump's campaign manager.",
        [
            _expect("Monday", date(2016, 3, 14), "day", note="`could`: the coming Monday"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-06-14_donald-trump-at-just-the-way-he-.txt",
        date(2016, 6, 14),
        "Donald Trump turns 70 on Tuesday, and many Republicans seem to be hoping (praying?) for a later-in-life metamorphosis.",
        [
            _expect("on Tuesday", date(2016, 6, 14), "day", note="Trump was born 14 June 1946"),
        ],
    ),
    _sentence(
        "polnear/train/text/huff-post_2016-06-16_obama-families-of-gun-violence-v.txt",
        date(2016, 6, 16),
        "President Obama hugs Orange County Mayor Teresa Jacobs as Orlando Mayor Buddy Dyer watches after Obama arrived at Orlando International Airport on Thursday, June 16, 2016.",
        [
            _expect(
                "on Thursday, June 16, 2016",
                date(2016, 6, 16),
                "day",
                note="full date with weekday",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-03-12_republicans-lower-volume-in-deba.txt",
        date(2016, 3, 12),
        "Mr. Trump had the air of a winner, noting that he was set to receive an endorsement on Friday from a former rival, the retired neurosurgeon Ben Carson, and suggesting that more voters were taking part in the Republican primaries than ever because of him.",
        [
            _expect(
                "on Friday",
                date(2016, 3, 11),
                "day",
                note="`was set to`: Carson endorsed Trump 11 March 2016",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-07-08_clinton-unleashes-democratic-dre.txt",
        date(2016, 7, 8),
        "Sanders and Clinton are nearing an agreement that would see him endorse her in New Hampshire on Tuesday, according to Democrats involved in the negotiations and planning.",
        [
            _expect(
                "on Tuesday",
                date(2016, 7, 12),
                "day",
                note="`would` under a present tense: Sanders endorsed Clinton 12 July 2016",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2015-11-10_opposition-appears-to-win-landsl.txt",
        date(2015, 11, 10),
        "Concerns rose Monday over claims that a number of military ballots had flowed in late Sunday, apparently tipping the balance to the USDP in races in far-flung states.",
        [
            _expect("Monday", date(2015, 11, 9), "day"),
            _expect("late Sunday", date(2015, 11, 8), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/huff-post_2016-07-25_monday-s-morning-email-putin-s-p.txt",
        date(2016, 7, 25),
        "DNC CHAIR DEBBIE WASSERMAN SCHULTZ RESIGNS\xa0After months of criticism over an alleged bias for the Clinton campaign, the DNC email leak scandal\xa0finally forced Schultz to resign from her job Sunday, one day before the Democratic National Convention.",
        [
            _expect(
                "Sunday", date(2016, 7, 24), "day", note="Wasserman Schultz resigned 24 July 2016"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-04-03_cruz-tops-trump-in-north-dakota-.txt",
        date(2016, 4, 3),
        "Ted Cruz’s preferred candidates won the vast majority of convention delegates available in North Dakota over the weekend, taking 18 of 25 slots in the state in another show of organizational strength over Donald Trump.",
        [
            _expect(
                "over the weekend",
                date(2016, 4, 2),
                "day",
                end=date(2016, 4, 3),
                note="article of Sunday: the weekend it ends",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2015-12-22_as-spotlight-shines-on-trump-and.txt",
        date(2015, 12, 22),
        'This weekend, Sanders complained that Democratic Party officials were trying to "protect" Clinton by scheduling debates at times of low viewership.',
        [
            _expect(
                "This weekend",
                date(2015, 12, 19),
                "day",
                end=date(2015, 12, 20),
                note="past tense, article of Tuesday: the weekend before",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt",
        date(2015, 11, 16),
        "He’s been ratcheting up his critique of his opponents, most recently in last weekend’s debate.",
        [
            _expect(
                "last weekend",
                date(2015, 11, 14),
                "day",
                end=date(2015, 11, 15),
                note="Des Moines debate, Saturday 14 November 2015",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-08-26_a-shaky-balancing-act-for-kelly-.txt",
        date(2016, 8, 26),
        "At a rally here last week, Mike Pence showed the crowd a clip of Gov. Maggie Hassan awkwardly trying to defend Hillary Clinton's honesty.",
        [
            _expect(
                "last week",
                date(2016, 8, 15),
                "day",
                end=date(2016, 8, 21),
                note="the Monday-to-Sunday week before the anchor's",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2015-11-30_congress-set-to-dump-no-child-le.txt",
        date(2015, 11, 30),
        "The House is expected to pass a bipartisan bill later this week that would dismantle key elements of No Child Left Behind, the sweeping law that became synonymous with one-size-fits-all testing and a punitive approach to failing schools — and which is reviled almost equally on the left and right.",
        [
            _expect(
                "later this week",
                date(2015, 12, 1),
                "day",
                end=date(2015, 12, 6),
                note="after Monday 2015-11-30 to that Sunday",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/west-journal_2016-08-05_benghazi-widow-dorothy-woods-def.txt",
        date(2016, 8, 5),
        "Woods continued in her discussion of Trump’s recent behavior by responding to those who believe he should not have accepted a replica Purple Heart from a supporter at an event earlier this week.",
        [
            _expect(
                "earlier this week",
                date(2016, 8, 1),
                "day",
                end=date(2016, 8, 4),
                note="Monday to the day before Friday 2016-08-05",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-02-02_maybe-trump-hasn-t-rewritten-rul.txt",
        date(2016, 2, 2),
        "Just about everybody now heads to New Hampshire, which holds the first-in-the-nation primary next week.",
        [
            _expect("next week", date(2016, 2, 8), "day", end=date(2016, 2, 14)),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-02-25_rubio-has-the-praise-just-not-th.txt",
        date(2016, 2, 25),
        "This week, he has rolled out dozens of endorsements from current and former Republican governors, senators and representatives to showcase what his aides describe as a coalescing of responsible and respected party figures around his candidacy.",
        [
            _expect("This week", date(2016, 2, 22), "day", end=date(2016, 2, 28)),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2016-04-15_daggers-drawn-as-trump-cruz-wage.txt",
        date(2016, 4, 15),
        "He lost badly to Cruz in Wisconsin earlier this month, and now needs 61 percent of remaining delegates to reach 1,237.",
        [
            _expect("earlier this month", date(2016, 4, 1), "month"),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2016-06-28_sanders-brexit-s-message-could-d.txt",
        date(2016, 6, 28),
        "You bet it could,” wrote Sanders, runner-up to Hillary Clinton for the Democrats’ presidential nomination, who will be formally crowned the party’s nominee next month.",
        [
            _expect("next month", date(2016, 7, 1), "month"),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2016-03-01_the-latest-sanders-wins-minnesot.txt",
        date(2016, 3, 1),
        "Rubio has yet to win a state, but his upbeat speech was full of promises to continue fighting and vowing to win his home state of Florida later this month.",
        [
            _expect("later this month", date(2016, 3, 1), "month"),
        ],
    ),
    _sentence(
        "polnear/train/text/west-journal_2016-01-12_bombshell-the-fbi-just-gave-hill.txt",
        date(2016, 1, 12),
        "The Clinton Foundation “received as much as $26.4 million in previously undisclosed payments” from corporations, foreign sources, and other groups, the Washington Post reported ten days ago.",
        [
            _expect("ten days ago", date(2016, 1, 2), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/west-journal_2016-05-25_dennis-prager-tells-nevertrump-c.txt",
        date(2016, 5, 25),
        "Prager\xa0continues, “In fact, the ‘conscience’ argument is so weak that Goldberg — to his credit — published a column two days ago titled “‘Sorry, I Still Won’t Ever Vote for Trump.’",
        [
            _expect("two days ago", date(2016, 5, 23), "day"),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2016-05-12_trump-ryan-pledge-to-work-togeth.txt",
        date(2016, 5, 12),
        "Ryan stunned Republicans by withholding his endorsement a week ago when it became clear Trump was on a firm path to the nomination.",
        [
            _expect(
                "a week ago",
                date(2016, 5, 5),
                "day",
                note="Ryan's CNN interview, Thursday 5 May 2016",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-04-15_fiery-words-light-up-the-debate-.txt",
        date(2016, 4, 15),
        "Bernie Sanders and Hillary Clinton stood face-to-face Thursday and repeated the attacks they have been airing in the media since their last debate a month ago.",
        [
            _expect("a month ago", date(2016, 3, 1), "month", note="Miami debate, 9 March 2016"),
            _expect("Thursday", date(2016, 4, 14), "day", note="Brooklyn debate, 14 April 2016"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-02-17_bush-rubio-collide-in-scramble-f.txt",
        date(2016, 2, 17),
        "Four years ago, the Romney campaign made a strong play for absentee voters in Florida and laid the ground work to blow away rival Newt Gingrich just as he was besting the former Massachusetts governor in South Carolina.",
        [
            _expect("Four years ago", date(2012, 1, 1), "year"),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-02-02_no-clear-favorites-going-into-ne.txt",
        date(2016, 2, 2),
        "If she were to prevail, she would able to claim she had buried the memories of her third-place finish to then-Sen. Barack Obama eight years ago.",
        [
            _expect(
                "eight years ago", date(2008, 1, 1), "year", note="Iowa caucuses of January 2008"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2015-11-19_trump-calls-for-bringing-back-su.txt",
        date(2015, 11, 19),
        "De Blasio disbanded the unit in April 2014.",
        [
            _expect("in April 2014", date(2014, 4, 1), "month"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-02-05_obama-slams-gop-s-doom-and-despa.txt",
        date(2016, 2, 5),
        "The unemployment rate was at 7.8 percent when Obama took office in January 2009 and peaked at 10 percent in October of that year.",
        [
            _expect("in January 2009", date(2009, 1, 1), "month"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-08-19_whigs-died-but-gop-can-survive.txt",
        date(2016, 8, 19),
        "In 1968, the GOP nominated Richard Nixon, its Eastern-wing nominee from 1960, and won.",
        [
            _expect("In 1968", date(1968, 1, 1), "year"),
            _expect("1960", date(1960, 1, 1), "year"),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-01-18_a-one-person-job-now-divided-amo.txt",
        date(2016, 1, 18),
        "But he was nonetheless buried at Holy Cross Cemetery, on Sept. 3, 1963, after a solemn high requiem Mass.",
        [
            _expect(
                "on Sept. 3, 1963", date(1963, 9, 3), "day", note="abbreviated month with a year"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/huff-post_2016-08-05_bloodline-star-norbert-leo-butz-.txt",
        date(2016, 8, 5),
        "Butz’s Feinstein’s/54 Below run also celebrates a CD recording of a 2013 incarnation of “Girls, Girls, Girls,” which will be released Sept. 9.",
        [
            _expect("Sept. 9", date(2016, 9, 9), "day", note="`will be released`: the coming one"),
        ],
    ),
    _sentence(
        "polnear/train/text/huff-post_2015-12-03_cnn-president-on-trump-we-do-not.txt",
        date(2015, 12, 3),
        "“CNN had 23 million people — it was the biggest show in the history of CNN,” Trump said, referring to the Sept. 16 debate on the network.",
        [
            _expect("Sept. 16", date(2015, 9, 16), "day", note="CNN debate, 16 September 2015"),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-02-17_jeb-bush-helped-by-george-goes-a.txt",
        date(2016, 2, 17),
        "He added that praising the former president for what happened after the Sept. 11 attacks was like saying the opposing team ''scored 19 runs in the first inning, but after that, we played pretty well.''",
        [
            _expect("Sept. 11", date(2001, 9, 11), "day", note="`the Sept. 11 attacks`"),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2015-12-22_trump-says-praise-from-putin-hel.txt",
        date(2015, 12, 22),
        "He called him a ''pathological liar'' for continuing to insist the debunked accounts of thousands of Muslims celebrating in New Jersey on Sept. 11.",
        [
            _expect(
                "on Sept. 11",
                date(2001, 9, 11),
                "day",
                note="means 2001 (the claim about 9/11); nothing in the words says so",
                known_miss=True,
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/huff-post_2016-08-28_hillary-clinton-receives-first-n.txt",
        date(2016, 8, 28),
        "The two are vying for the White House in the Nov. 8 general election, which has grown increasingly contentious as they have traded barbs about racism and minority voters.",
        [
            _expect(
                "Nov. 8",
                date(2016, 11, 8),
                "day",
                note="no tense on the date; last year's is 294 days back: the coming election",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-01-20_falling-deficit-to-reverse-cours.txt",
        date(2016, 1, 20),
        "The deficit for this fiscal year, which ends Sept. 30, is projected to be $544 billion -- $105 billion more than last year, and $130 billion more than the budget office had projected last August.",
        [
            _expect(
                "Sept. 30",
                date(2016, 9, 30),
                "day",
                note="present tense: end of fiscal 2016, 254 days ahead",
            ),
            _expect("last year", date(2015, 1, 1), "year"),
            _expect("last August", date(2015, 8, 1), "month"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-04-06_poll-trump-and-clinton-hold-narr.txt",
        date(2016, 4, 6),
        "Quinnipiac conducted the poll via landlines and cellphones from March 30-April 4, surveying 1,737 registered voters in the state with an overall margin of error of plus or minus 2.4 percentage points.",
        [
            _expect(
                "from March 30-April 4",
                date(2016, 3, 30),
                "day",
                end=date(2016, 4, 4),
                note="range of days across a month",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2015-11-13_clinton-stays-well-ahead-of-sand.txt",
        date(2015, 11, 13),
        "The nationwide telephone poll was conducted Nov. 6 to 10 on cellphones and landlines with 418 Democratic primary voters.",
        [
            _expect("Nov. 6 to 10", date(2015, 11, 6), "day", end=date(2015, 11, 10)),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2015-11-12_cruz-and-trump-tied-in-texas-pol.txt",
        date(2015, 11, 12),
        "The survey of 1,200 registered voters was taken Oct. 30 to Nov. 8 online with a margin of error of plus or minus 2.83 percentage points.",
        [
            _expect("Oct. 30 to Nov. 8", date(2015, 10, 30), "day", end=date(2015, 11, 8)),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-03-21_factory-workers-feel-sting-of-gl.txt",
        date(2016, 3, 21),
        "Mark Weddle, 55, started work at Carrier 24 years ago and earns $21 an hour running a machine that makes heat exchangers. ''",
        [
            _expect("24 years ago", date(1992, 1, 1), "year"),
        ],
    ),
    _sentence(
        "polnear/train/text/usa-today_2016-02-25_clinton-gun-control-offensive-a-.txt",
        date(2016, 2, 25),
        "Roof is accused of a massacre at a historic black church that left nine dead last year.",
        [
            _expect(
                "last year", date(2015, 1, 1), "year", note="Charleston church shooting, June 2015"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-02-05_obama-slams-gop-s-doom-and-despa.txt",
        date(2016, 2, 5),
        "In an example of how sensitive Obama is about his economic legacy, he used his State of the Union address this year to forcefully call out Trump and the rest of the GOP field who he accused of preying on the anxieties of Americans who have not yet fully experienced the recovery.",
        [
            _expect("this year", date(2016, 1, 1), "year"),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-02-05_obama-slams-gop-s-doom-and-despa.txt",
        date(2016, 2, 5),
        '"Anyone claiming that America’s economy is in decline is peddling fiction," Obama said last month.',
        [
            _expect(
                "last month", date(2016, 1, 1), "month", note="State of the Union, 12 January 2016"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-04-28_with-woman-s-card-trump-escalate.txt",
        date(2016, 4, 28),
        "A USA Today/Suffolk University poll released this week found 66 percent of likely women voters nationwide have an unfavorable view of Trump, compared with 48 percent who have a negative opinion of Clinton.",
        [
            _expect("this week", date(2016, 4, 25), "day", end=date(2016, 5, 1)),
        ],
    ),
    _sentence(
        "polnear/train/text/politico_2016-01-05_trump-quietly-builds-a-data-jugg.txt",
        date(2016, 1, 5),
        "“We don’t discuss internal procedures; however, Mr. Trump has been underestimated through every step of this campaign, to many people’s demise,” said Lewandowski, who ran a pilot registration project for Americans for Prosperity in 2014.",
        [
            _expect("in 2014", date(2014, 1, 1), "year"),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-02-02_no-clear-favorites-going-into-ne.txt",
        date(2016, 2, 2),
        "He sounded subdued in his brief concession speech Monday night and seemed to take hope from the big lead he has enjoyed in New Hampshire polls.",
        [
            _expect("Monday night", date(2016, 2, 1), "day", note="Iowa caucus night"),
        ],
    ),
    _sentence(
        "polnear/train/text/breitbart_2016-01-01_rose-bowl-skywriters-blast-trump.txt",
        date(2016, 1, 1),
        "Friday morning, as the Rose Bowl parade rolled through Pasadena, CNN reported at least six skywriting planes filled the skies with anti-Trump messages.",
        [
            _expect(
                "Friday morning", date(2016, 1, 1), "day", note="Rose Parade, Friday 1 January 2016"
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/nyt_2016-04-23_even-signed-climate-deal-won-t-e.txt",
        date(2016, 4, 23),
        "On Friday morning, world leaders were to gather again at the United Nations for a grand ceremony to sign the document.",
        [
            _expect(
                "On Friday morning",
                date(2016, 4, 22),
                "day",
                note="`were to gather`: Paris Agreement signing, 22 April 2016",
            ),
        ],
    ),
    _sentence(
        "polnear/train/text/wash-post_2016-03-10_scrappy-debate-signals-long-grin.txt",
        date(2016, 3, 10),
        "A few days ago, Wednesday's debate here appeared as if it might be an anticlimax as Clinton rolled toward the nomination.",
        [
            _expect("Wednesday", date(2016, 3, 9), "day", note="Miami debate, 9 March 2016"),
        ],
    ),
]

DATE_TABLE: list[DateCase] = [case for cases in _SENTENCES for case in cases]

NON_DATES: list[NonDate] = [
    NonDate(
        "seeds/000_40f56addfa937b60.txt",
        "Syria's anti-terror fight continues in Dayr al-Zawr, where Daesh was pushed back to areas near the border with Jordan after its three-year-long siege on the provincial capital city broke last month.",
        date(2017, 10, 5),
        "three-year-long",
        "a length, not a date",
    ),
    NonDate(
        "wikinews_2019.csv: Former president of France Jacques Chirac dies aged 86",
        "This morning Jacques Chirac, who served as President of France for twelve years, died at home in Paris, France, surrounded by family.",
        date(2019, 9, 26),
        "for twelve years",
        "a duration",
    ),
    NonDate(
        "wikinews_2019.csv: Former US Representative John Conyers dies at age 90",
        "He spent his time in the House promoting civil rights legislation, and from 1965 Rosa Parks worked for his Detroit office for 23 years, till her retirement.",
        date(2019, 10, 28),
        "for 23 years",
        "a duration",
    ),
    NonDate(
        "polnear/train/text/nyt_2016-03-21_factory-workers-feel-sting-of-gl.txt",
        "Mark Weddle, 55, started work at Carrier 24 years ago and earns $21 an hour running a machine that makes heat exchangers. ''",
        date(2016, 3, 21),
        "55",
        "an age",
    ),
    NonDate(
        "polnear/train/text/usa-today_2016-05-11_millennials-don-t-get-socialism-.txt",
        "Larry David, playing the 74-year-old Sanders on NBC's Saturday Night Live, explained: \"The young people love me ... because I'm like them.",
        date(2016, 5, 11),
        "Saturday",
        "a show's name; `74-year-old` is an age",
    ),
    NonDate(
        "polnear/train/text/wash-post_2015-12-04_a-killing-and-video-test-emanuel.txt",
        "\"Hey, hey! Ho, ho! Rahm Emanuel's got to go!\" some protesters chanted, three days after the video's release, on Black Friday, as they marched down Michigan Avenue in the heart of Chicago's downtown shopping district.",
        date(2015, 12, 4),
        "Friday",
        "a holiday's name",
    ),
    NonDate(
        "polnear/train/text/west-journal_2015-12-09_time-just-announced-its-person-o.txt",
        "Every December, Time announces who it believes deserves the distinguished title.",
        date(2015, 12, 9),
        "December",
        "a habit",
    ),
    NonDate(
        "polnear/train/text/politico_2016-04-09_trump-s-getting-trounced-in-indi.txt",
        "And at this point, I have not seen any evidence for a general election that Donald Trump is electable,” said Kyle Babcock, a veteran Indiana GOP insider who’s on the 3rd Congressional District delegate slate.",
        date(2016, 4, 9),
        "on the 3rd",
        "an ordinal district",
    ),
    NonDate(
        "polnear/train/text/usa-today_2016-06-30_page-million-report-on-benghazi-.txt",
        "The attacks on two U.S. diplomatic compounds in Benghazi, Libya, on the 11th anniversary of 9/11, were another matter altogether.",
        date(2016, 6, 30),
        "on the 11th",
        "an ordinal anniversary",
    ),
    NonDate(
        "wikinews_2019.csv: Boris Johnson elected Conservative leader, slated to be Britain's next Prime Minister",
        "Current Prime Minister Theresa May is to step down today, with Johnson succeeding her as the Prime Minister of Great Britain.",
        date(2019, 7, 24),
        "May",
        "a name",
    ),
    NonDate(
        "polnear/train/text/wash-post_2016-03-10_scrappy-debate-signals-long-grin.txt",
        "A few days ago, Wednesday's debate here appeared as if it might be an anticlimax as Clinton rolled toward the nomination.",
        date(2016, 3, 10),
        "A few days ago",
        "vague",
    ),
    NonDate(
        "polnear/train/text/wash-post_2016-04-28_with-woman-s-card-trump-escalate.txt",
        "A USA Today/Suffolk University poll released this week found 66 percent of likely women voters nationwide have an unfavorable view of Trump, compared with 48 percent who have a negative opinion of Clinton.",
        date(2016, 4, 28),
        "Today",
        "a newspaper",
    ),
    NonDate(
        "polnear/train/text/breitbart_2015-11-11_the-ninth-circle-the-hellish-vie.txt",
        "Maybe he figures that getting a second guest-hosting gig on “Saturday Night Live” was an adequate reward for his campaign exertions and so now he can coast.",
        date(2015, 11, 11),
        "Saturday",
        "a show's name",
    ),
]
