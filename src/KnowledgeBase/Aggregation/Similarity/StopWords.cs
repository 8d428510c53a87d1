namespace KnowledgeBase.Aggregation.Similarity;

/// <summary>
/// Function words left out of text similarity, per language, plus words every post-mortem uses (incident,
/// outage, because…) that say nothing about what happened. Small on purpose: TF-IDF already weighs common
/// words down; these lists only keep the vectors short.
/// </summary>
internal static class StopWords
{
    private static HashSet<string> Set(string words) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    public static readonly HashSet<string> English = Set(
        "a about above after again against all also am an and any are as at be because been before being below between both but by " +
        "can could did do does doing down during each few for from further had has have having he her here hers him his how i if in " +
        "into is it its itself just more most my no nor not now of off on once only or other our ours out over own same she should " +
        "so some such than that the their theirs them then there these they this those through to too under until up very was we " +
        "were what when where which while who whom why will with would you your yours " +
        "incident incidents outage post mortem postmortem minutes minute hours hour users user team teams why " +
        "every many much one two three first second new still us almost cannot can't don't didn't wasn't nobody anyone someone " +
        "something nothing need needed needs like within day days time times week weeks month months year years already " +
        "however therefore thus yet even though although since without across around again ever never always often " +
        "get got make made take took use used using may might must shall able way part per via etc");

    public static readonly HashSet<string> Russian = Set(
        "а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее её если есть еще ещё " +
        "же за здесь и из или им их к как ко когда кто ли либо между меня мы на над надо не него нее неё нет ни них но ну о об однако " +
        "он она они оно от очень по под после потому при с со так также такой там те тем то того тоже той только том ты у уже хотя " +
        "чего чей чем что чтобы эта эти это этого этой этом этот я " +
        "инцидент инцидента инциденте инциденты минут минуты часа часов пользователи пользователей команда команды почему " +
        "который которая которое которые которого которой котором которую которых которым которыми должен должна должно должны " +
        "нужно нужен нужна нужны можно нельзя каждый каждая каждое каждые каждого каждой всё свой своя свои своего своей " +
        "один одна одно одни два две три первый второй новый ещё уже снова также тоже поэтому потому именно просто " +
        "день дня дней неделя недели месяц месяца год года лет время времени раз раза стал стала стали было будет будут " +
        "этому этих этим чтоб пока тогда сейчас всегда никогда никто ничто ничего кто-то что-то");

    public static readonly HashSet<string> French = Set(
        "a au aux avec ce ces cet cette dans de des du elle elles en est et eux il ils je la le les leur leurs lui ma mais me même mes " +
        "moi mon ne nos notre nous on ont ou où par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre " +
        "vous été être avoir fait faire comme plus très sans sous entre depuis donc alors aussi car si tout tous toute toutes " +
        "incident incidents panne minutes minute heures heure utilisateurs équipe équipes pourquoi parce " +
        "était étaient avait avaient aurait auraient sera seront serait fut ont eu peut peuvent doit doivent devait fallait " +
        "chez lors avant après pendant ni aucun aucune chaque seul seule seuls seules autre autres même mêmes part " +
        "ceci cela ça celui celle ceux celles dont leur leurs quand comment encore déjà jamais toujours ici là puis " +
        "un deux trois premier première nouveau nouvelle jour jours semaine mois an ans année années fois temps " +
        "y a-t-il quelque quelques plusieurs beaucoup peu trop assez bien mal non oui");

    public static readonly HashSet<string> German = Set(
        "aber alle als also am an auch auf aus bei bin bis da damit dann das dass dem den der des die dies diese diesem diesen dieser " +
        "doch dort du durch ein eine einem einen einer eines er es für hat hatte hatten ich ihr im in ist ja kein keine mit nach nicht " +
        "noch nur ob oder ohne sein sich sie sind so über um und uns unter vom von vor war waren warum was weil wenn wer wie wir wird " +
        "wurde wurden zu zum zur " +
        "vorfall vorfalls störung minuten minute stunden stunde nutzer team teams " +
        "muss musste mussten müssen kann konnte konnten können soll sollte sollten will wollte darf durfte " +
        "kein keine keinen keinem keiner keines beide beiden viel viele vielen mehr weniger selbst jede jeder jedes jeden jedem " +
        "gab gibt gab es war wäre hätte habe haben hat wird werden worden sei seien einer eines einem einen eine " +
        "dass dessen deren denen man schon noch immer nie wieder erst etwa etwas nichts jemand niemand alles " +
        "tag tage tagen woche wochen monat monate jahr jahre jahren zeit zeiten mal " +
        "zwei drei erste ersten zweite neue neuen neu hier dort heute damals danach dabei dazu dafür davon daher deshalb");

    public static HashSet<string> For(string language) => language switch
    {
        "ru" => Russian,
        "fr" => French,
        "de" => German,
        _ => English,
    };
}
