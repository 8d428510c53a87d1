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
public static class BlamelessPhrases
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static BlamelessPhrase P(string language, string pattern, string kind, string suggestion) =>
        new(language, new Regex($@"(?<![\w-])(?:{pattern})(?![\w-])", Options, TimeSpan.FromSeconds(1)), kind, suggestion);

    private const string Hindsight = "judges with hindsight";
    private const string Memory = "blames a lapse of memory";
    private const string HumanError = "stops at human error";
    private const string Care = "blames a person's care or attention";
    private const string Fault = "assigns fault to a person";

    public static readonly IReadOnlyList<BlamelessPhrase> All =
    [
        // English
        P("en", @"forgot|forgets|forgetting|forget\s+to|(?:has|had|have)\s+forgotten", Memory,
            "Describe the safeguard that was missing, e.g. \"the release checklist had no step for rotating the key\" or \"nothing reminded the on-call to renew it\"."),
        P("en", @"(?:human|operator|pilot)\s+(?:errors?|mistakes?)", HumanError,
            "Ask why once more and name the condition that made the slip likely, e.g. \"the deploy tool accepted a production target without confirmation\"."),
        P("en", @"careless(?:ly|ness)?|sloppy|sloppiness|negligen(?:ce|t|tly)|inattentive|inattention|lack\s+of\s+attention|(?:did\s+not|didn't|failed\s+to)\s+pay\s+attention|not\s+paying\s+attention", Care,
            "Describe what made the mistake easy, e.g. \"the staging and production consoles look identical\"."),
        P("en", @"(?:his|her|their|(?-i:\p{Lu})\w*['’]s)\s+fault|at\s+fault|(?<!(?:no\s+one|nobody|no-one)\s+)(?:is|was|were)\s+to\s+blame|blamed\s+on", Fault,
            "Name what in the system allowed the failure, not who was involved."),
        P("en", @"should\s+have\s+(?:known|noticed|caught|checked|seen|realised|realized|double-checked|been\s+more\s+careful)", Hindsight,
            "Describe what the person knew at the time and why the signal did not stand out, e.g. \"the warning was one of 40 pages that night\"."),

        // Russian
        P("ru", @"по\s+(?:чьей-то\s+|чьей\s+|его\s+|её\s+|ее\s+|их\s+|своей\s+|нашей\s+)?вине", Fault,
            "Опишите условие в системе, а не чью-то вину: «деплой в прод не требовал подтверждения»."),
        P("ru", @"(?:по)?забы(?:л|ла|ли|ло|в|вал|вала|вали|вает|вают|вчив\w*)", Memory,
            "Опишите недостающую защиту: «в чек-листе релиза не было шага …», «ничто не напоминало дежурному о …»."),
        P("ru", @"человеческ\w*\s+(?:фактор\w*|ошибк\w*)|ошибк\w*\s+(?:инженер|оператор|дежурн|разработчик|администратор|сотрудник)\w*", HumanError,
            "Спросите «почему» ещё раз и назовите условие, которое сделало ошибку вероятной: «инструмент не спрашивал подтверждения для прода»."),
        P("ru", @"халатн\w*|невнимательн\w*|небрежн\w*|неаккуратн\w*|разгильдя\w*|безответственн\w*", Care,
            "Опишите, что в интерфейсе или процессе сделало ошибку лёгкой: «консоли стейджинга и прода выглядят одинаково»."),
        P("ru", @"виноват(?:а|ы|ый|ая|ое|ого|ому|ым)?|виновн(?:ик|ика|ики|иком|ица|ый|ая|ые|ого)", Fault,
            "Назовите, что в системе позволило сбою случиться, а не кто был рядом."),
        P("ru", @"(?:должен|должна|должны)\s+был(?:а|и)?\s+(?:заметить|проверить|знать|увидеть|предусмотреть)", Hindsight,
            "Опишите, что было известно в тот момент и почему сигнал не выделялся: «предупреждение было одним из 40 алертов за ночь»."),

        // French
        P("fr", @"(?:a|as|ai|ont|avait|avaient|avons|avez|aurait|auraient)\s+(?:oublié|omis|négligé)(?:e|s|es)?", Memory,
            "Décrivez le garde-fou manquant : « la checklist de mise en production n'avait pas d'étape pour … »."),
        P("fr", @"erreurs?\s+humaines?|fautes?\s+humaines?|erreurs?\s+(?:de\s+manipulation|d['’]opérateur|de\s+l['’]opérateur)", HumanError,
            "Demandez pourquoi encore une fois et nommez la condition qui a rendu l'erreur probable : « l'outil acceptait la production sans confirmation »."),
        P("fr", @"(?:la|sa|leur|ma|ta|notre|votre)\s+faute|fauti(?:f|fs|ve|ves)", Fault,
            "Cherchez ce qui, dans le système, a permis l'erreur, plutôt que qui l'a commise."),
        P("fr", @"négligen(?:ce|ces|t|te|ts|tes)|inattention|inattenti(?:f|fs|ve|ves)|manque\s+(?:d['’]attention|de\s+vigilance|de\s+rigueur)|étourderie|étourdi(?:e|s|es)?|imprudence|imprudent(?:e|s|es)?", Care,
            "Décrivez ce qui rendait l'erreur facile : « les consoles de recette et de production sont identiques »."),
        P("fr", @"aurai(?:t|ent)\s+dû\s+(?:voir|vérifier|savoir|remarquer|anticiper|prévoir)", Hindsight,
            "Décrivez ce qui était connu à ce moment-là et pourquoi le signal ne ressortait pas."),

        // German
        P("de", @"(?:hat|haben|hatte|hatten)\s+(?:[\p{L}\-]+\s+){0,5}vergessen|vergessen\s+(?:hat|haben|hatte|hatten)|vergaß(?:en)?|vergass(?:en)?", Memory,
            "Beschreiben Sie die fehlende Absicherung: „die Release-Checkliste enthielt keinen Schritt für …“."),
        P("de", @"menschlich\w*\s+(?:versagen\w*|fehler\w*)|bedien(?:ungs)?fehler\w*", HumanError,
            "Fragen Sie noch einmal „warum“ und nennen Sie die Bedingung, die den Fehler wahrscheinlich machte: „das Werkzeug fragte bei Produktion nicht nach“."),
        P("de", @"schuld(?:ig(?:e[nmrs]?)?)?|verschuldet|schuldhaft\w*", Fault,
            "Nennen Sie, was im System den Ausfall ermöglichte, nicht wer beteiligt war."),
        P("de", @"fahrlässig\w*|nachlässig\w*|unachtsam\w*|unaufmerksam\w*|leichtsinn\w*|schlampig\w*|schlamperei", Care,
            "Beschreiben Sie, was den Fehler leicht machte: „Staging- und Produktionskonsole sehen gleich aus“."),
        P("de", @"hätte\s+(?:[\p{L}\-]+\s+){0,4}(?:merken|wissen|sehen|prüfen|bemerken|erkennen)\s+müssen|hätten\s+(?:[\p{L}\-]+\s+){0,4}(?:merken|wissen|sehen|prüfen|bemerken|erkennen)\s+müssen", Hindsight,
            "Beschreiben Sie, was zu dem Zeitpunkt bekannt war und warum das Signal nicht auffiel."),
    ];
}
