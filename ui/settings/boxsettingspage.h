#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSettings;

// Settings > Box: the enterprise's own Box subdomain (acme.app.box.com), used for the links
// to the Developer Console and the Admin Console (core/boxlinks.h, key box/enterpriseSubdomain).
class BoxSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit BoxSettingsPage(const QSettings &settings, QWidget *parent = nullptr);

    QString enterpriseSubdomain() const;
    // Shows what is wrong under the field; true when it can be saved.
    bool validate();
    void save(QSettings &settings) const;

private:
    QLineEdit *m_subdomain;
    QLabel *m_error;
};
