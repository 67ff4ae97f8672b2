#pragma once

#include "ui/messagebanner.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// What became of each config.json of one import (the files dropped or chosen together), so
// every file gets its own line instead of the last one overwriting the others.
class ImportResults
{
    Q_DECLARE_TR_FUNCTIONS(ImportResults)

public:
    enum class Outcome
    {
        Imported, // added as a new profile named `profileName`
        Updated,  // replaced the settings and secrets of the profile named `profileName`
        Failed,   // nothing saved; `errors` say why (each naming its JSON field or the file)
        Skipped,  // the user cancelled the preview
    };
    struct Entry
    {
        QString fileName;
        Outcome outcome = Outcome::Failed;
        QString profileName;
        QStringList errors;
    };

    void add(const Entry &entry) { m_entries.append(entry); }
    void clear() { m_entries.clear(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<Entry> &entries() const { return m_entries; }

    // For the Apps pane's banner. One file: its own sentence with its errors as details.
    // Several files: a count as the title and one detail line per file (per error for a file
    // with several problems), each starting with the file name.
    MessageBanner::Kind kind() const;
    QString title() const;
    QStringList details() const;

private:
    int count(Outcome outcome) const;
    static QString sentence(const Entry &entry); // the title for a single file
    static QString line(const Entry &entry);     // a saved or skipped file among several
    QList<Entry> m_entries;
};
