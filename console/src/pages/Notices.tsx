import { Empty, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad, type Tone } from '../common';
import { listNotices, type DeliveryStatus, type NoticeDelivery, type NoticeEntry } from '../notices';
import { useRegistry } from '../unit-registry';
import { beijingTime } from '../words';

const TONE: Record<DeliveryStatus, Tone> = { sent: 'green', failed: 'red', pending: 'orange' };
/** Failures first, then what waits, then what went: the order the bureau works through; newest first within each. */
const ORDER: Record<DeliveryStatus, number> = { failed: 0, pending: 1, sent: 2 };
const inWorkOrder = (list: NoticeEntry[]) => [...list].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.at.localeCompare(a.at));

/** One delivery as a line: channel, where to, how it went (an e-mail is only recorded locally). */
function DeliveryLine({ d }: { d: NoticeDelivery }) {
  const where = d.channel === 'email' ? d.to : `${d.contact}（群机器人）`;
  const note = d.status === 'sent' && d.mode === 'outbox' ? '（本地仅记录，未实际发送）' : d.status === 'failed' ? `（已尝试 ${d.attempts} 次）` : '';
  return (
    <div>
      <ToneTag tone={TONE[d.status]}>{d.statusName}</ToneTag>
      {d.channelName.zh} · {where}{note}{d.sentAt ? ` · ${beijingTime(d.sentAt)}` : ''}
    </div>
  );
}

/**
 * 通知 (DESIGN §7): the notices to units — a round opening, a deadline in three days, a form
 * returned, a ballot or an assessment window opening, an overdue talk — what was sent, to
 * whom, when, by which channel, and its status (已发送 / 发送失败 / 待发送). The bureau sees
 * every unit's, a school its own; Beijing time.
 */
export default function NoticesPage({ role }: { role: 'bureau' | 'school' }) {
  const { api } = useApi();
  const registry = useRegistry(api);
  const { data, error, loading } = useLoad(() => listNotices(api), [api], 10);
  const failed = data?.filter((n) => n.status === 'failed').length ?? 0;
  return (
    <>
      <PageTitle extra={<Space wrap><Link to={`/${role}`}>{role === 'bureau' ? '返回工作台' : '返回推荐报送'}</Link></Space>}>
        {`通知${data ? `（共 ${data.length} 条${failed ? `，发送失败 ${failed} 条` : ''}）` : ''}`}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {role === 'bureau'
          ? '系统按单位名册中的联系人，以电子邮件、企业微信或钉钉群机器人向各单位发送通知：遴选开始、截止前三天、表格退回、民主推荐或年度考核开始、谈话逾期。通知发送失败不影响遴选和考核的进行。'
          : '本单位收到的通知：遴选开始、截止前三天提醒、表格退回、民主推荐或年度考核开始、谈话逾期。联系人及群机器人由教育局在单位名册中登记。'}
      </Typography.Paragraph>
      <ErrorAlert error={error} title="无法读取通知" />
      <Table<NoticeEntry>
        rowKey="key"
        loading={loading}
        dataSource={inWorkOrder(data ?? [])}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
        expandable={{ expandedRowRender: (n) => <><Typography.Paragraph style={{ margin: 0 }}>{n.body.zh}</Typography.Paragraph><Link to={n.link}>打开页面</Link></> }}
        locale={{ emptyText: <Empty description="暂无通知。发起遴选、退回表格或开始年度考核后，发给各单位的通知会列在这里。" /> }}
        columns={[
          { title: '时间', className: 'tp-nowrap', dataIndex: 'at', render: (at: string) => beijingTime(at), sorter: (a, b) => a.at.localeCompare(b.at) },
          ...(role === 'bureau' ? [{ title: '单位', key: 'unit', render: (_: unknown, n: NoticeEntry) => registry.name(n.unit) }] : []),
          { title: '类别', className: 'tp-nowrap', key: 'kind', render: (_: unknown, n) => n.kindName.zh },
          { title: '标题', key: 'subject', render: (_: unknown, n) => n.subject.zh },
          { title: '发送情况', key: 'deliveries', render: (_: unknown, n) => (n.deliveries.length ? n.deliveries.map((d) => <DeliveryLine key={d.id} d={d} />) : '无可用联系方式（请在单位名册中登记邮箱或群机器人）') },
          {
            title: '状态', className: 'tp-nowrap', dataIndex: 'status', render: (s: DeliveryStatus, n) => <ToneTag tone={TONE[s]}>{n.statusName}</ToneTag>,
            filters: [{ text: '已发送', value: 'sent' }, { text: '发送失败', value: 'failed' }, { text: '待发送', value: 'pending' }], onFilter: (v, n) => n.status === v,
          },
        ]}
      />
    </>
  );
}
