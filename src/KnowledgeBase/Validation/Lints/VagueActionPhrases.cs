using System.Text.RegularExpressions;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// Action titles that are not actions, in English, Russian, French and German. Two kinds:
/// <see cref="Discipline"/> asks people to try harder ("be more careful", "быть внимательнее", "être plus
/// vigilants", "besser aufpassen") and is vague whatever follows; <see cref="Generic"/> names an area without a
/// change ("improve monitoring", "улучшить мониторинг", "mieux communiquer", "besser kommunizieren") and is vague
/// unless the rest of the title makes it concrete.
/// </summary>
public static partial class VagueActionPhrases
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Whole words only; source-generated like BlamelessPhrases' patterns (a regex built at run time is interpreted
    // under Native AOT), with a timeout for a pathological input.
    private const string Start = @"(?<![\w-])(?:";
    private const string End = @")(?![\w-])";
    private const int Timeout = 1000;

    [GeneratedRegex(Start +
        // en
        @"be\s+(?:more\s+)?(?:careful|vigilant|attentive|cautious|diligent|disciplined)" + "|" +
        @"pay\s+(?:more\s+|closer\s+)?attention" + "|" + @"take\s+(?:more\s+)?care" + "|" + @"double[-\s]?check(?:ing)?" + "|" +
        @"remember\s+to" + "|" + @"(?:don't|do\s+not)\s+forget" + "|" + @"try\s+harder" + "|" +
        // ru
        @"быть\s+(?:более\s+)?(?:внимательн\w*|осторожн\w*|аккуратн\w*|бдительн\w*)" + "|" +
        @"внимательнее|осторожнее|аккуратнее|бдительнее" + "|" + @"не\s+забы(?:ва)?ть" + "|" +
        @"обращать\s+(?:больше\s+)?внимани\w*" + "|" + @"проявлять\s+(?:больше\s+)?(?:внимательност\w*|бдительност\w*)" + "|" +
        @"тщательнее\s+проверять" + "|" +
        // fr
        @"être\s+(?:plus\s+)?(?:vigilant|attentif|attentive|prudent|prudente|rigoureux|rigoureuse|soigneux|soigneuse)s?" + "|" +
        @"faire\s+(?:plus\s+)?attention" + "|" + @"redoubler\s+de\s+vigilance" + "|" + @"ne\s+pas\s+oublier" + "|" + @"vérifier\s+deux\s+fois" + "|" +
        // de
        @"(?:besser|genauer|mehr)\s+aufpassen" + "|" + @"sorgfältiger\s+(?:arbeiten|sein|prüfen)" + "|" +
        @"(?:vorsichtiger|aufmerksamer|achtsamer|gewissenhafter)\s+sein" + "|" + @"nicht\s+(?:mehr\s+)?vergessen" + "|" + @"mehr\s+sorgfalt"
        + End, Options, Timeout)]
    private static partial Regex DisciplinePattern();

    public static readonly Regex Discipline = DisciplinePattern();

    [GeneratedRegex(Start +
        // en
        @"improve\s+(?:the\s+|our\s+)?(?:monitoring|alerting|communication|testing|tests|documentation|docs|process(?:es)?|observability|coordination|reliability|quality)" + "|" +
        @"better\s+(?:monitoring|alerting|communication|testing|documentation)" + "|" + @"communicate\s+better" + "|" +
        @"(?:add\s+)?more\s+(?:testing|monitoring|tests|alerts)" + "|" + @"(?:review|revisit)\s+(?:the\s+)?process(?:es)?" + "|" +
        @"investigate(?:\s+further)?" + "|" + @"look\s+into\s+(?:it|this)" + "|" +
        // ru
        @"улучшить\s+(?:мониторинг\w*|алертинг\w*|оповещени\w*|коммуникаци\w*|взаимодействи\w*|тестировани\w*|документаци\w*|процесс\w*|качество)" + "|" +
        @"лучше\s+(?:общаться|коммуницировать|тестировать|документировать)" + "|" + @"больше\s+тестировать" + "|" +
        @"(?:пересмотреть|проанализировать)\s+процесс\w*" + "|" + @"разобраться" + "|" +
        // fr
        @"améliorer\s+(?:le\s+|la\s+|les\s+|l['’]|notre\s+|nos\s+)?(?:monitoring|supervision|surveillance|alerting|alertes|communication|tests|documentation|processus|qualité)" + "|" +
        @"mieux\s+(?:communiquer|tester|documenter|surveiller)" + "|" + @"plus\s+de\s+tests" + "|" + @"revoir\s+(?:le\s+|les\s+)?processus" + "|" +
        // de
        @"besser\s+(?:kommunizieren|testen|dokumentieren|überwachen)" + "|" +
        @"(?:das\s+|die\s+|unser\w*\s+)?(?:monitoring|überwachung|kommunikation|dokumentation|tests|prozesse?|alarmierung)\s+verbessern" + "|" +
        @"bessere\s+(?:kommunikation|überwachung|dokumentation|tests)" + "|" + @"mehr\s+(?:testen|tests)" + "|" + @"prozess\w*\s+überarbeiten"
        + End, Options, Timeout)]
    private static partial Regex GenericPattern();

    public static readonly Regex Generic = GenericPattern();

    /// <summary>What the rest of a title needs to make a generic phrase concrete: a number, code, an identifier…</summary>
    [GeneratedRegex(@"\d|`|\w[-_./]\w", Options)]
    private static partial Regex Concrete();

    /// <summary>The vague phrase in a title and whether it asks for discipline, or null when the title is specific.</summary>
    public static (Match Match, bool Discipline)? Find(string title)
    {
        var discipline = Discipline.Match(title);
        if (discipline.Success) return (discipline, true);
        var generic = Generic.Match(title);
        if (!generic.Success) return null;
        var rest = title.Remove(generic.Index, generic.Length);
        var words = Word().Count(rest);
        return Concrete().IsMatch(rest) || words >= 5 ? null : (generic, false);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>An example of a specific action in the post-mortem's language.</summary>
    public static string Suggestion(string language, bool discipline) => (Lang(language), discipline) switch
    {
        ("ru", true) => "Замените призыв к внимательности механизмом, который делает ошибку невозможной или ловит её автоматически: «Запретить деплой в прод без одобренного тикета изменения».",
        ("ru", false) => "Назовите конкретное изменение и проверяемый результат: «Алерт при заполнении диска на любом хосте БД выше 80% дольше 10 минут».",
        ("fr", true) => "Remplacez l'appel à la vigilance par un mécanisme qui rend l'erreur impossible ou la détecte automatiquement : « Bloquer tout déploiement en production sans ticket de changement approuvé ».",
        ("fr", false) => "Nommez le changement et un résultat mesurable : « Alerte quand le disque d'un hôte de base dépasse 80 % pendant 10 minutes ».",
        ("de", true) => "Ersetzen Sie den Appell an die Sorgfalt durch einen Mechanismus, der den Fehler verhindert oder automatisch erkennt: „Deployments in Produktion ohne genehmigtes Change-Ticket blockieren“.",
        ("de", false) => "Nennen Sie die konkrete Änderung und ein messbares Ziel: „Alarm, wenn ein Datenbank-Host länger als 10 Minuten über 80 % Plattenbelegung liegt“.",
        (_, true) => "Replace the call for vigilance with a mechanism that makes the mistake impossible or catches it automatically, e.g. \"Block production deploys without an approved change ticket\".",
        _ => "Name the change and a measurable end state, e.g. \"Alert when disk usage on any database host stays above 80% for 10 minutes\".",
    };

    private static string Lang(string language) => language.Length >= 2 ? language[..2].ToLowerInvariant() : language;
}
