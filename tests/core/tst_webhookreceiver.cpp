// The local webhook receiver over real loopback sockets, and the deliveries model (under
// QAbstractItemModelTester) with the verifier's verdicts.
#include "core/webhooks/webhookdeliveriesmodel.h"
#include "core/webhooks/webhookreceiver.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const WebhookKeys Keys{u"ReceiverPrimaryKey"_s, u"ReceiverSecondaryKey"_s};

QByteArray timestampNow()
{
    return QDateTime::currentDateTimeUtc()
        .toOffsetFromUtc(-7 * 3600)
        .toString(Qt::ISODate)
        .toLatin1();
}

QByteArray signedRequest(const QByteArray &body, const QByteArray &timestamp,
                         const QByteArray &connection = "close")
{
    return "POST /box/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json; charset=utf-8\r\n"
           "BOX-DELIVERY-ID: d-1\r\nBOX-DELIVERY-TIMESTAMP: " +
           timestamp +
           "\r\nBOX-SIGNATURE-PRIMARY: " + WebhookSignature::sign(Keys.primary, body, timestamp) +
           "\r\nBOX-SIGNATURE-SECONDARY: " +
           WebhookSignature::sign(Keys.secondary, body, timestamp) +
           "\r\nBOX-SIGNATURE-VERSION: 1\r\nBOX-SIGNATURE-ALGORITHM: HmacSHA256\r\n"
           "Connection: " +
           connection + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
           body;
}

// Sends raw bytes and returns everything the receiver answered until it closed (or 5 s).
QByteArray exchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "NO CONNECTION";
    socket.write(bytes);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        socket.waitForReadyRead(20);
        answer += socket.readAll();
    }
    answer += socket.readAll();
    return answer;
}

const QByteArray EventBody =
    R"({"type":"webhook_event","id":"e-1","trigger":"FILE.UPLOADED","webhook":{"id":"4137","type":"webhook"},"source":{"id":"5001","type":"file","name":"a.txt"}})";
} // namespace

class TestWebhookReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void receivesASignedDelivery()
    {
        WebhookReceiver receiver;
        QString error;
        QVERIFY2(receiver.listen(0, &error), qPrintable(error));
        QVERIFY(receiver.port() != 0);
        QCOMPARE(receiver.address(), u"http://127.0.0.1:%1/"_s.arg(receiver.port()));
        QSignalSpy delivered(&receiver, &WebhookReceiver::delivered);
        const QByteArray answer =
            exchange(receiver.port(), signedRequest(EventBody, timestampNow()));
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        QTRY_COMPARE(delivered.size(), 1);
        const auto delivery = delivered.first().first().value<WebhookDelivery>();
        QCOMPARE(delivery.body, EventBody);
        QCOMPARE(delivery.method, "POST"_ba);
        QCOMPARE(delivery.target, "/box/webhook"_ba);
        QVERIFY(delivery.receivedAt.isValid());
        QVERIFY(!delivery.header("box-signature-primary").isEmpty());

        // What the model makes of it.
        WebhookDeliveriesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setKeys(Keys);
        const int row = model.addDelivery(delivery);
        QVERIFY2(model.verdict(row).isValid(), qPrintable(model.verdict(row).reasonText()));
        QCOMPARE(model.index(row, WebhookDeliveriesModel::VerdictColumn).data().toString(),
                 u"Valid"_s);
        QCOMPARE(model.index(row, WebhookDeliveriesModel::TriggerColumn).data().toString(),
                 u"FILE.UPLOADED"_s);
        QCOMPARE(model.index(row, WebhookDeliveriesModel::ItemColumn).data().toString(),
                 u"a.txt (file 5001)"_s);

        // A tampered copy is invalid and says the body changed.
        const int copy = model.addTamperedCopy(row);
        QCOMPARE(copy, row + 1);
        QCOMPARE(model.verdict(copy).reason, WebhookVerdict::Reason::BodyChanged);
        QCOMPARE(model.index(copy, WebhookDeliveriesModel::VerdictColumn).data().toString(),
                 u"Invalid"_s);
        QVERIFY(model.index(copy, WebhookDeliveriesModel::ReasonColumn)
                    .data()
                    .toString()
                    .startsWith(u"Body changed"_s));
        QVERIFY(model.delivery(copy).body.contains("a.txt (tampered)"));
        QVERIFY(model.index(copy, 0).data().toString().endsWith(u"(copy of #1)"_s));
        QVERIFY(model.index(copy, 0).data(Qt::ToolTipRole).toString().contains(u"tampered"_s));
        // Only the name changed: every other byte as received.
        QByteArray expected = delivery.body;
        expected.replace("\"name\":\"a.txt\"", "\"name\":\"a.txt (tampered)\"");
        QCOMPARE(model.delivery(copy).body, expected);

        // An edit of the body, verified again, is invalid with the reason.
        QByteArray edited = delivery.body;
        edited.replace("a.txt", "b.txt");
        QCOMPARE(model.verifyEdited(row, delivery.headers, edited).reason,
                 WebhookVerdict::Reason::BodyChanged);
        QVERIFY(model.verifyEdited(row, delivery.headers, delivery.body).isValid());

        // Other keys: every row is verified again.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setKeys(WebhookKeys{u"SomeoneElsesKey"_s, {}});
        QCOMPARE(changed.size(), 1);
        // As received, it may have been changed on its way: both causes stay possible.
        QCOMPARE(model.verdict(row).reason, WebhookVerdict::Reason::Mismatch);
        // Swapped keys: each signature fits the other key.
        model.setKeys(WebhookKeys{Keys.secondary, Keys.primary});
        QCOMPARE(model.verdict(row).reason, WebhookVerdict::Reason::WrongKey);
        model.setKeys({});
        QCOMPARE(model.verdict(row).reason, WebhookVerdict::Reason::NoKeys);
    }

    void verdictUsesTheTimeOfArrival()
    {
        // A delivery that was fresh when it arrived stays valid when looked at later.
        WebhookDeliveriesModel model;
        model.setKeys(Keys);
        const QByteArray ts = "2016-07-11T10:10:33-07:00";
        WebhookDelivery d;
        d.headers = {{"box-delivery-timestamp", ts},
                     {"box-signature-primary", WebhookSignature::sign(Keys.primary, EventBody, ts)},
                     {"box-signature-version", "1"},
                     {"box-signature-algorithm", "HmacSHA256"}};
        d.body = EventBody;
        d.receivedAt = QDateTime::fromString(QString::fromLatin1(ts), Qt::ISODate).addSecs(2);
        QVERIFY(model.verdict(model.addDelivery(d)).isValid());
        d.receivedAt = d.receivedAt.addSecs(11 * 60);
        QCOMPARE(model.verdict(model.addDelivery(d)).reason, WebhookVerdict::Reason::Expired);
    }

    void keepAliveCarriesSeveralDeliveries()
    {
        WebhookReceiver receiver;
        QVERIFY(receiver.listen(0));
        QSignalSpy delivered(&receiver, &WebhookReceiver::delivered);
        const QByteArray two = signedRequest(EventBody, timestampNow(), "keep-alive") +
                               signedRequest("{}", timestampNow(), "close");
        const QByteArray answer = exchange(receiver.port(), two);
        QCOMPARE(answer.count("HTTP/1.1 200 OK"), 2);
        QTRY_COMPARE(delivered.size(), 2);
        QCOMPARE(delivered.at(1).first().value<WebhookDelivery>().body, "{}"_ba);
    }

    void malformedRequestsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("garbage") << "\x01\x02 nonsense\r\n\r\n"_ba
                                 << "400"_ba;
        QTest::newRow("bare CR") << "POST / HTTP/1.1\rHost: x\r\n\r\n"_ba
                                 << "400"_ba;
        QTest::newRow("GET") << "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba
                             << "405"_ba;
        QTest::newRow("smuggling")
            << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: "
               "chunked\r\n\r\n0\r\n\r\n"_ba
            << "400"_ba;
        QTest::newRow("too large")
            << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"_ba
            << "413"_ba;
        QTest::newRow("header flood")
            << "POST / HTTP/1.1\r\nX: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n"
            << "431"_ba;
        QTest::newRow("HTTP/2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba
                                        << "400"_ba;
    }

    void malformedRequestsAreRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        WebhookReceiver receiver;
        QVERIFY(receiver.listen(0));
        QSignalSpy delivered(&receiver, &WebhookReceiver::delivered);
        QSignalSpy refused(&receiver, &WebhookReceiver::refused);
        const QByteArray answer = exchange(receiver.port(), request);
        QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + status)), answer.left(200).constData());
        QCOMPARE(delivered.size(), 0);
        QCOMPARE(refused.size(), 1);
        // The receiver still works.
        QVERIFY(exchange(receiver.port(), signedRequest("{}", timestampNow()))
                    .startsWith("HTTP/1.1 200"));
        QTRY_COMPARE(delivered.size(), 1);
    }

    void connectionsAreBounded()
    {
        WebhookReceiver receiver;
        QVERIFY(receiver.listen(0));
        QList<QTcpSocket *> sockets;
        for (int i = 0; i < WebhookReceiver::MaxConnections + 8; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, receiver.port());
            QVERIFY(s->waitForConnected(5000));
            s->write("POST / HTTP/1.1\r\n"); // and never finishes
            sockets.append(s);
        }
        QTRY_VERIFY(receiver.openConnections() == WebhookReceiver::MaxConnections);
        QTest::qWait(100);
        QCOMPARE(receiver.openConnections(), WebhookReceiver::MaxConnections);
        qDeleteAll(sockets);
        QTRY_COMPARE(receiver.openConnections(), 0);
    }

    void aTricklingRequestIsCutOffAtItsDeadline()
    {
        // One byte every 150 ms keeps the idle timer (400 ms) from firing; the request's
        // deadline (1 s from its first byte) closes the connection all the same.
        WebhookReceiver receiver;
        receiver.setTimeouts(400, 1000);
        QVERIFY(receiver.listen(0));
        QSignalSpy refused(&receiver, &WebhookReceiver::refused);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, receiver.port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray slow = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaa";
        QElapsedTimer clock;
        clock.start();
        qsizetype sent = 0;
        while (socket.state() == QAbstractSocket::ConnectedState && sent < slow.size() &&
               clock.elapsed() < 5000) {
            socket.write(slow.mid(sent++, 1));
            socket.flush();
            QTest::qWait(150);
        }
        QTRY_COMPARE_WITH_TIMEOUT(receiver.openConnections(), 0, 5000);
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(sent < slow.size()); // cut off before the trickle ended
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().first().toString().contains(u"not complete"_s),
                 qPrintable(refused.first().first().toString()));

        // A keep-alive connection between requests is not held to the deadline of the last one.
        QTcpSocket keep;
        keep.connectToHost(QHostAddress::LocalHost, receiver.port());
        QVERIFY(keep.waitForConnected(5000));
        QSignalSpy delivered(&receiver, &WebhookReceiver::delivered);
        for (int i = 0; i < 4; ++i) {
            keep.write(signedRequest("{}", timestampNow(), "keep-alive"));
            QTRY_COMPARE(delivered.size(), i + 1);
            QTest::qWait(300);
        }
        QCOMPARE(keep.state(), QAbstractSocket::ConnectedState);
    }

    void portInUseIsExplained()
    {
        WebhookReceiver first;
        QVERIFY(first.listen(0));
        WebhookReceiver second;
        QString error;
        QVERIFY(!second.listen(first.port(), &error));
        QVERIFY2(error.contains(u"already in use"_s), qPrintable(error));
        QVERIFY(!second.isListening());
        first.stop();
        QVERIFY(!first.isListening());
        QCOMPARE(first.address(), QString());
    }

    void modelKeepsMemoryBounded()
    {
        WebhookDeliveriesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        WebhookDelivery d;
        d.body = QByteArray(1024 * 1024, 'x');
        for (int i = 0; i < 40; ++i)
            model.addDelivery(d);
        QVERIFY(model.bytesHeld() <= WebhookDeliveriesModel::MaxBytes);
        QVERIFY(model.rowCount() < 40);
        WebhookDelivery small;
        small.body = "{}";
        for (int i = 0; i < WebhookDeliveriesModel::MaxRows + 10; ++i)
            model.addDelivery(small);
        QCOMPARE(model.rowCount(), WebhookDeliveriesModel::MaxRows);
        QVERIFY(model.index(WebhookDeliveriesModel::MaxRows - 1, 0)
                    .data()
                    .toString()
                    .startsWith(u"#%1 "_s.arg(40 + WebhookDeliveriesModel::MaxRows + 10)));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.bytesHeld(), 0);

        // A tampered copy keeps the body as received as evidence: it counts too.
        WebhookDelivery big;
        big.headers = {{"BOX-DELIVERY-TIMESTAMP", "2016-07-11T10:10:33-07:00"}};
        big.body = QByteArray(1024 * 1024, 'y');
        model.addDelivery(big);
        const qsizetype one = model.bytesHeld();
        QVERIFY(one >= big.size());
        model.addTamperedCopy(0);
        QVERIFY2(model.bytesHeld() >= one + model.delivery(1).size() + big.body.size(),
                 qPrintable(QString::number(model.bytesHeld())));
        // So many copies stay within the bound, evidence included.
        for (int i = 0; i < 40; ++i)
            model.addTamperedCopy(model.rowCount() - 1);
        QVERIFY(model.bytesHeld() <= WebhookDeliveriesModel::MaxBytes);
        QVERIFY(model.rowCount() < 20);
    }
};

QTEST_GUILESS_MAIN(TestWebhookReceiver)
#include "tst_webhookreceiver.moc"
