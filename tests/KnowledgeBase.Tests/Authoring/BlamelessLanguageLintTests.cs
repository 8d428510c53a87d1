using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Tests.Authoring;

public sealed class BlamelessLanguageLintTests
{
    private static readonly BlamelessLanguageLint Rule = new();

    [Theory]
    // English
    [InlineData("en", "The on-call engineer forgot to renew the certificate.", "forgot")]
    [InlineData("en", "Ana had forgotten the second replica.", "had forgotten")]
    [InlineData("en", "Root cause: human error during the failover.", "human error")]
    [InlineData("en", "Operator errors caused the outage.", "Operator errors")]
    [InlineData("en", "The change was made carelessly on a Friday.", "carelessly")]
    [InlineData("en", "This was negligence by the release manager.", "negligence")]
    [InlineData("en", "It was Bob's fault that the job ran twice.", "Bob's fault")]
    [InlineData("en", "The operator should have noticed the warning.", "should have noticed")]
    // Russian, with inflections
    [InlineData("ru", "Инженер забыл продлить сертификат.", "забыл")]
    [InlineData("ru", "Дежурная забыла переключить трафик.", "забыла")]
    [InlineData("ru", "Мы забыли про второй дата-центр.", "забыли")]
    [InlineData("ru", "Сбой произошёл по вине администратора.", "по вине")]
    [InlineData("ru", "Это была халатность при выкладке.", "халатность")]
    [InlineData("ru", "Причина — человеческий фактор.", "человеческий фактор")]
    [InlineData("ru", "Из-за человеческой ошибки удалили таблицу.", "человеческой ошибки")]
    [InlineData("ru", "Небрежная выкладка сломала конфиг.", "Небрежная")]
    [InlineData("ru", "Виноват дежурный инженер.", "Виноват")]
    [InlineData("ru", "Он должен был заметить алерт.", "должен был заметить")]
    // French
    [InlineData("fr", "Bob a oublié de vérifier la configuration.", "a oublié")]
    [InlineData("fr", "L'équipe avait omis la migration.", "avait omis")]
    [InlineData("fr", "La cause est une erreur humaine.", "erreur humaine")]
    [InlineData("fr", "Des erreurs humaines répétées ont bloqué la file.", "erreurs humaines")]
    [InlineData("fr", "C'est la faute de l'opérateur.", "la faute")]
    [InlineData("fr", "Une manipulation négligente a supprimé la table.", "négligente")]
    [InlineData("fr", "Le déploiement a échoué par inattention.", "inattention")]
    [InlineData("fr", "Il aurait dû vérifier le certificat.", "aurait dû vérifier")]
    // German, with inflections and the verb at the end
    [InlineData("de", "Der Kollege hat vergessen, das Zertifikat zu erneuern.", "hat vergessen")]
    [InlineData("de", "Sie hat das Zertifikat vergessen.", "hat das Zertifikat vergessen")]
    [InlineData("de", "Der Job lief doppelt, weil er es vergessen hat.", "vergessen hat")]
    [InlineData("de", "Ursache war menschliches Versagen.", "menschliches Versagen")]
    [InlineData("de", "Der Ausfall geschah wegen menschlichen Versagens.", "menschlichen Versagens")]
    [InlineData("de", "Schuld war der Bereitschaftsdienst.", "Schuld")]
    [InlineData("de", "Die Schuldigen wurden benannt.", "Schuldigen")]
    [InlineData("de", "Die Änderung war fahrlässig.", "fahrlässig")]
    [InlineData("de", "Er hätte den Alarm bemerken müssen.", "hätte den Alarm bemerken müssen")]
    public void Blaming_wording_is_found_at_its_line_and_column(string lang, string sentence, string phrase)
    {
        var text = LintHarness.Doc(lang: lang, body: $"## Summary\n\n{sentence}\n");
        var finding = LintHarness.Single(LintHarness.Run(Rule, text));
        LintHarness.At(finding, "blameless", LintHarness.BodyLine(text) + 2, sentence.IndexOf(phrase, StringComparison.Ordinal) + 1, "body");
        Assert.Contains($"\"{phrase}\"", finding.Diagnostic.Message);
        Assert.False(string.IsNullOrWhiteSpace(finding.Suggestion));
    }

    [Theory]
    [InlineData("ru", "забыл", "чек-листе")]
    [InlineData("fr", "a oublié", "garde-fou")]
    [InlineData("de", "hat vergessen", "Absicherung")]
    [InlineData("en", "forgot", "safeguard")]
    public void The_suggestion_is_written_in_the_language_of_the_wording(string lang, string phrase, string expected)
    {
        var sentence = lang switch
        {
            "ru" => "Инженер забыл продлить ключ.",
            "fr" => "Bob a oublié le ticket.",
            "de" => "Bob hat vergessen, es zu prüfen.",
            _ => "Bob forgot the ticket.",
        };
        var finding = LintHarness.Single(LintHarness.Run(Rule, LintHarness.Doc(lang: lang, body: sentence + "\n")));
        Assert.Contains(phrase, finding.Diagnostic.Message);
        Assert.Contains(expected, finding.Suggestion);
    }

    [Theory]
    [InlineData("en", "The runbook had no step to renew the certificate.")]
    [InlineData("en", "Fault tolerance of the cluster held; the fault domain was one rack.")]
    [InlineData("en", "This review is blameless: no one is to blame, the pipeline lacked a check.")]
    [InlineData("en", "The `forgot-password` endpoint returned 500 for `human error` strings.")]
    [InlineData("en", "See [the runbook](https://wiki.example.com/forgot-password) for details.")]
    [InlineData("en", "The forgotten replication slot kept WAL for 9 days.")]
    [InlineData("en", "The cluster's fault domain is one rack.")]
    [InlineData("ru", "В чек-листе релиза не было шага продления сертификата.")]
    [InlineData("ru", "Мы не ищем виноватых, а ищем пробелы в процессе.")]
    [InlineData("ru", "Внимательность не помогла бы: алерт тонул в шуме.")]
    [InlineData("fr", "Faute de temps, la migration a été reportée.")]
    [InlineData("fr", "Une faute de frappe dans le fichier a cassé le parseur.")]
    [InlineData("fr", "La supervision n'avait pas d'alerte sur le disque.")]
    [InlineData("de", "Technische Schulden im Abrechnungsdienst verzögerten die Migration.")]
    [InlineData("de", "Wir verzichten bewusst auf Schuldzuweisungen.")]
    [InlineData("de", "Die Checkliste enthielt keinen Schritt für die Erneuerung.")]
    [InlineData("de", "Nicht vergessen: das Wiki aktualisieren.")]
    public void System_focused_wording_and_lookalikes_pass(string lang, string sentence)
    {
        Assert.Empty(LintHarness.Run(Rule, LintHarness.Doc(lang: lang, body: $"## Summary\n\n{sentence}\n")));
    }

    [Fact]
    public void Code_blocks_are_not_prose()
    {
        var body = "## Timeline\n\n```\n$ grep forgot /var/log/auth.log\nhuman error: retry\n```\n\n    indented: careless\n";
        Assert.Empty(LintHarness.Run(Rule, LintHarness.Doc(body: body)));
    }

    [Fact]
    public void Emphasis_does_not_hide_a_phrase_and_the_column_points_at_its_first_word()
    {
        var text = LintHarness.Doc(body: "Intro.\n\nIt was human **error**, again.\n");
        var finding = LintHarness.Single(LintHarness.Run(Rule, text));
        LintHarness.At(finding, "blameless", LintHarness.BodyLine(text) + 2, 8, "body");
        Assert.Contains("\"human error\"", finding.Diagnostic.Message);
    }

    [Fact]
    public void A_phrase_split_across_lines_is_found_on_its_first_line()
    {
        var text = LintHarness.Doc(body: "The cause was plain human\nerror on the console.\n");
        var finding = LintHarness.Single(LintHarness.Run(Rule, text));
        LintHarness.At(finding, "blameless", LintHarness.BodyLine(text), 21, "body");
    }

    [Fact]
    public void Front_matter_prose_is_checked_with_the_field_and_exact_position()
    {
        var text = """
            ---
            title: Bob forgot the certificate
            date: 2024-03-14
            severity: SEV3
            summary: >
              The API was down because of
              human error during renewal.
            lessons:
              - The engineer was careless with the key.
            actions:
              - title: Alert 30 days before expiry
                owner: SRE
                due: 2024-04-01
                success: The alert fires; no sloppy renewals
            impact:
              cause: negligence
            authors: [Ann Forgot]
            ---
            Body.
            """.Replace("\r\n", "\n");
        var findings = LintHarness.Run(Rule, text).OrderBy(f => f.Diagnostic.Line).ToList();
        Assert.Equal(["title", "summary", "lessons[0]", "actions[0].success", "impact.cause"], findings.Select(f => f.Diagnostic.Field));
        LintHarness.At(findings[0], "blameless", 2, 12, "title");
        LintHarness.At(findings[1], "blameless", 7, 3, "summary");
        LintHarness.At(findings[2], "blameless", 9, 22, "lessons[0]");
        LintHarness.At(findings[3], "blameless", 14, 34, "actions[0].success");
        LintHarness.At(findings[4], "blameless", 16, 10, "impact.cause");
    }

    [Fact]
    public void Matching_ignores_case()
    {
        Assert.Single(LintHarness.Run(Rule, LintHarness.Doc(body: "HUMAN ERROR.\n")));
        Assert.Single(LintHarness.Run(Rule, LintHarness.Doc(lang: "ru", body: "ПО ВИНЕ подрядчика.\n")));
    }
}
