using System.Text.RegularExpressions;

namespace KnowledgeBase.Validation.Lints;

/// <summary>A wording that makes a person the cause, with what it does and a system-focused alternative.</summary>
/// <param name="Language">Language of the wording (its suggestion is written in it).</param>
/// <param name="Kind">What the wording does, for the message: "blames a lapse of memory", "stops at human error"…</param>
public sealed record BlamelessPhrase(string Language, Regex Pattern, string Kind, string Suggestion);

/// <summary>
/// Wordings that put a person where a cause should be, in English, Russian, French and German. Matching is
/// case-insensitive and on whole words; each pattern spells out its inflections (забыл/забыла/забыли,
/// négligent/négligente, Schuld/schuldig/Schuldigen, …). Phrases that merely sound alike are left alone on purpose:
/// French "faute de temps" (for lack of time), German "Schulden" (debts) and "Schuldzuweisung" (what blameless
/// reviews avoid), English "fault tolerance".
/// </summary>
public static partial class BlamelessPhrases
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Whole words only. Source-generated (compiled at build time, also under Native AOT, where a regex built at run
    // time is interpreted: kb check spent ~45 % of its time in the interpreter at 10,000 post-mortems); the
    // timeout still bounds a pathological input.
    private const string Start = @"(?<![\w-])(?:";
    private const string End = @")(?![\w-])";
    private const int Timeout = 1000;

    private static BlamelessPhrase P(string language, Regex pattern, string kind, string suggestion) => new(language, pattern, kind, suggestion);

    private const string Hindsight = "judges with hindsight";
    private const string Memory = "blames a lapse of memory";
    private const string HumanError = "stops at human error";
    private const string Care = "blames a person's care or attention";
    private const string Fault = "assigns fault to a person";

    public static readonly IReadOnlyList<BlamelessPhrase> All =
    [
        // English
        P("en", EnMemory(), Memory,
            "Describe the safeguard that was missing, e.g. \"the release checklist had no step for rotating the key\" or \"nothing reminded the on-call to renew it\"."),
        P("en", EnHumanError(), HumanError,
            "Ask why once more and name the condition that made the slip likely, e.g. \"the deploy tool accepted a production target without confirmation\"."),
        P("en", EnCare(), Care,
            "Describe what made the mistake easy, e.g. \"the staging and production consoles look identical\"."),
        P("en", EnFault(), Fault,
            "Name what in the system allowed the failure, not who was involved."),
        P("en", EnHindsight(), Hindsight,
            "Describe what the person knew at the time and why the signal did not stand out, e.g. \"the warning was one of 40 pages that night\"."),

        // Russian
        P("ru", RuFault(), Fault,
            "Опишите условие в системе, а не чью-то вину: «деплой в прод не требовал подтверждения»."),
        P("ru", RuMemory(), Memory,
            "Опишите недостающую защиту: «в чек-листе релиза не было шага …», «ничто не напоминало дежурному о …»."),
        P("ru", RuHumanError(), HumanError,
            "Спросите «почему» ещё раз и назовите условие, которое сделало ошибку вероятной: «инструмент не спрашивал подтверждения для прода»."),
        P("ru", RuCare(), Care,
            "Опишите, что в интерфейсе или процессе сделало ошибку лёгкой: «консоли стейджинга и прода выглядят одинаково»."),
        P("ru", RuFault2(), Fault,
            "Назовите, что в системе позволило сбою случиться, а не кто был рядом."),
        P("ru", RuHindsight(), Hindsight,
            "Опишите, что было известно в тот момент и почему сигнал не выделялся: «предупреждение было одним из 40 алертов за ночь»."),

        // French
        P("fr", FrMemory(), Memory,
            "Décrivez le garde-fou manquant : « la checklist de mise en production n'avait pas d'étape pour … »."),
        P("fr", FrHumanError(), HumanError,
            "Demandez pourquoi encore une fois et nommez la condition qui a rendu l'erreur probable : « l'outil acceptait la production sans confirmation »."),
        P("fr", FrFault(), Fault,
            "Cherchez ce qui, dans le système, a permis l'erreur, plutôt que qui l'a commise."),
        P("fr", FrCare(), Care,
            "Décrivez ce qui rendait l'erreur facile : « les consoles de recette et de production sont identiques »."),
        P("fr", FrHindsight(), Hindsight,
            "Décrivez ce qui était connu à ce moment-là et pourquoi le signal ne ressortait pas."),

        // German
        P("de", DeMemory(), Memory,
            "Beschreiben Sie die fehlende Absicherung: „die Release-Checkliste enthielt keinen Schritt für …“."),
        P("de", DeHumanError(), HumanError,
            "Fragen Sie noch einmal „warum“ und nennen Sie die Bedingung, die den Fehler wahrscheinlich machte: „das Werkzeug fragte bei Produktion nicht nach“."),
        P("de", DeFault(), Fault,
            "Nennen Sie, was im System den Ausfall ermöglichte, nicht wer beteiligt war."),
        P("de", DeCare(), Care,
            "Beschreiben Sie, was den Fehler leicht machte: „Staging- und Produktionskonsole sehen gleich aus“."),
        P("de", DeHindsight(), Hindsight,
            "Beschreiben Sie, was zu dem Zeitpunkt bekannt war und warum das Signal nicht auffiel."),
    ];

    [GeneratedRegex(Start + @"forgot|forgets|forgetting|forget\s+to|(?:has|had|have)\s+forgotten" + End, Options, Timeout)]
    private static partial Regex EnMemory();

    [GeneratedRegex(Start + @"(?:human|operator|pilot)\s+(?:errors?|mistakes?)" + End, Options, Timeout)]
    private static partial Regex EnHumanError();

    [GeneratedRegex(Start + @"careless(?:ly|ness)?|sloppy|sloppiness|negligen(?:ce|t|tly)|inattentive|inattention|lack\s+of\s+attention|(?:did\s+not|didn't|failed\s+to)\s+pay\s+attention|not\s+paying\s+attention" + End, Options, Timeout)]
    private static partial Regex EnCare();

    [GeneratedRegex(Start + @"(?:his|her|their|(?-i:\p{Lu})\w*['’]s)\s+fault|at\s+fault|(?<!(?:no\s+one|nobody|no-one)\s+)(?:is|was|were)\s+to\s+blame|blamed\s+on" + End, Options, Timeout)]
    private static partial Regex EnFault();

    [GeneratedRegex(Start + @"should\s+have\s+(?:known|noticed|caught|checked|seen|realised|realized|double-checked|been\s+more\s+careful)" + End, Options, Timeout)]
    private static partial Regex EnHindsight();

    [GeneratedRegex(Start + @"по\s+(?:чьей-то\s+|чьей\s+|его\s+|её\s+|ее\s+|их\s+|своей\s+|нашей\s+)?вине" + End, Options, Timeout)]
    private static partial Regex RuFault();

    [GeneratedRegex(Start + @"(?:по)?забы(?:л|ла|ли|ло|в|вал|вала|вали|вает|вают|вчив\w*)" + End, Options, Timeout)]
    private static partial Regex RuMemory();

    [GeneratedRegex(Start + @"человеческ\w*\s+(?:фактор\w*|ошибк\w*)|ошибк\w*\s+(?:инженер|оператор|дежурн|разработчик|администратор|сотрудник)\w*" + End, Options, Timeout)]
    private static partial Regex RuHumanError();

    [GeneratedRegex(Start + @"халатн\w*|невнимательн\w*|небрежн\w*|неаккуратн\w*|разгильдя\w*|безответственн\w*" + End, Options, Timeout)]
    private static partial Regex RuCare();

    [GeneratedRegex(Start + @"виноват(?:а|ы|ый|ая|ое|ого|ому|ым)?|виновн(?:ик|ика|ики|иком|ица|ый|ая|ые|ого)" + End, Options, Timeout)]
    private static partial Regex RuFault2();

    [GeneratedRegex(Start + @"(?:должен|должна|должны)\s+был(?:а|и)?\s+(?:заметить|проверить|знать|увидеть|предусмотреть)" + End, Options, Timeout)]
    private static partial Regex RuHindsight();

    [GeneratedRegex(Start + @"(?:a|as|ai|ont|avait|avaient|avons|avez|aurait|auraient)\s+(?:oublié|omis|négligé)(?:e|s|es)?" + End, Options, Timeout)]
    private static partial Regex FrMemory();

    [GeneratedRegex(Start + @"erreurs?\s+humaines?|fautes?\s+humaines?|erreurs?\s+(?:de\s+manipulation|d['’]opérateur|de\s+l['’]opérateur)" + End, Options, Timeout)]
    private static partial Regex FrHumanError();

    [GeneratedRegex(Start + @"(?:la|sa|leur|ma|ta|notre|votre)\s+faute|fauti(?:f|fs|ve|ves)" + End, Options, Timeout)]
    private static partial Regex FrFault();

    [GeneratedRegex(Start + @"négligen(?:ce|ces|t|te|ts|tes)|inattention|inattenti(?:f|fs|ve|ves)|manque\s+(?:d['’]attention|de\s+vigilance|de\s+rigueur)|étourderie|étourdi(?:e|s|es)?|imprudence|imprudent(?:e|s|es)?" + End, Options, Timeout)]
    private static partial Regex FrCare();

    [GeneratedRegex(Start + @"aurai(?:t|ent)\s+dû\s+(?:voir|vérifier|savoir|remarquer|anticiper|prévoir)" + End, Options, Timeout)]
    private static partial Regex FrHindsight();

    [GeneratedRegex(Start + @"(?:hat|haben|hatte|hatten)\s+(?:[\p{L}\-]+\s+){0,5}vergessen|vergessen\s+(?:hat|haben|hatte|hatten)|vergaß(?:en)?|vergass(?:en)?" + End, Options, Timeout)]
    private static partial Regex DeMemory();

    [GeneratedRegex(Start + @"menschlich\w*\s+(?:versagen\w*|fehler\w*)|bedien(?:ungs)?fehler\w*" + End, Options, Timeout)]
    private static partial Regex DeHumanError();

    [GeneratedRegex(Start + @"schuld(?:ig(?:e[nmrs]?)?)?|verschuldet|schuldhaft\w*" + End, Options, Timeout)]
    private static partial Regex DeFault();

    [GeneratedRegex(Start + @"fahrlässig\w*|nachlässig\w*|unachtsam\w*|unaufmerksam\w*|leichtsinn\w*|schlampig\w*|schlamperei" + End, Options, Timeout)]
    private static partial Regex DeCare();

    [GeneratedRegex(Start + @"hätte\s+(?:[\p{L}\-]+\s+){0,4}(?:merken|wissen|sehen|prüfen|bemerken|erkennen)\s+müssen|hätten\s+(?:[\p{L}\-]+\s+){0,4}(?:merken|wissen|sehen|prüfen|bemerken|erkennen)\s+müssen" + End, Options, Timeout)]
    private static partial Regex DeHindsight();
}
