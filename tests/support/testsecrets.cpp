#include "testsecrets.h"

#include <QRandomGenerator>

using namespace Qt::Literals::StringLiterals;

QString testSecret(const QString &label)
{
    QString random;
    for (int i = 0; i < 2; ++i)
        random +=
            QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
    return QString::fromLatin1(kTestSecretMarker) + u'-' + label + u'-' + random;
}
