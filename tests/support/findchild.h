#pragma once

#include <QObject>
#include <QString>
#include <QTest>

// The child of `root` of type T named `objectName` (the way widget tests reach a pane's
// buttons and labels, instead of test-only accessors). When there is none it fails the current
// test, saying which child is missing under which parent, and returns null.
template <typename T> T *find(const QObject *root, const QString &objectName)
{
    T *found = root ? root->findChild<T *>(objectName) : nullptr;
    if (!found) {
        const QString where = root ? QStringLiteral("%1 \"%2\"")
                                         .arg(QString::fromLatin1(root->metaObject()->className()),
                                              root->objectName())
                                   : QStringLiteral("a null parent");
        QTest::qFail(qPrintable(QStringLiteral("no %1 named \"%2\" under %3")
                                    .arg(QString::fromLatin1(T::staticMetaObject.className()),
                                         objectName, where)),
                     __FILE__, __LINE__);
    }
    return found;
}
