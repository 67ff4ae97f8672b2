#pragma once

#include <QCoreApplication>
#include <QString>

class QLabel;
class QProgressBar;
class QPushButton;
class QWidget;

// The row shown while a request is in flight: "what is happening", a busy bar and Cancel.
// Built hidden; the owner connects Cancel, sets the text and shows the row.
struct BusyRow
{
    Q_DECLARE_TR_FUNCTIONS(BusyRow)
public:
    QWidget *widget = nullptr;
    QLabel *text = nullptr;
    QProgressBar *bar = nullptr;
    QPushButton *cancel = nullptr;

    static BusyRow create(QWidget *parent, const QString &cancelObjectName,
                          const QString &cancelAccessibleName);
};
