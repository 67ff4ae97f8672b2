#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

#include <optional>

struct SkillCardAppearance;

// Keywords as rounded pills that wrap to the width they get ("skillKeywordPills").
class SkillKeywordPills : public QWidget
{
    Q_OBJECT
public:
    explicit SkillKeywordPills(const QStringList &keywords, QWidget *parent = nullptr);

    QStringList keywords() const { return m_keywords; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    // Each pill's rectangle when laid out in `width`.
    QList<QRect> layoutPills(int width) const;

    QStringList m_keywords;
};

// A bar over a card's duration with a mark where the entry appears ("skillTimelineBar").
class SkillTimelineBar : public QWidget
{
    Q_OBJECT
public:
    SkillTimelineBar(const QList<SkillCardAppearance> &appears, double duration,
                     QWidget *parent = nullptr);

    QSize sizeHint() const override { return {160, 10}; }
    QSize minimumSizeHint() const override { return {40, 10}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<QPair<double, double>> m_spans; // start, end in seconds
    double m_duration;
};
