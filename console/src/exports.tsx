import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Modal, Space, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DownloadOutlined } from '@ant-design/icons';
import type * as z from 'zod';
import type { ExportLink, ExportRequest as ExportRequestSchema } from '../../contracts/exports';
import { ApiError } from './api';
import { useApi } from './session';

/** What the console asks POST /exports for: the contract's own input type. */
export type ExportRequest = z.input<typeof ExportRequestSchema>;

/**
 * One export where its list is shown (issue #13): POST /exports, then the browser navigates
 * to the short-lived link, which answers with the file as an attachment under its Chinese
 * name. Navigation, not fetch: the bucket's CORS allows only the upload POST, and a download
 * by navigation leaves the page where it is.
 *
 * `fullIds` offers the bureau the ID numbers in full; the API refuses it to anyone else, and
 * audits who asked, when and for which list, which the checkbox says before it is ticked.
 */
export function ExportButton({ body, label, fullIdsOption = false, disabled = false }: { body: ExportRequest; label: string; fullIdsOption?: boolean; disabled?: boolean }) {
  const { api } = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [fullIds, setFullIds] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const link = await api.request<ExportLink>('POST', '/exports', { ...body, ...(fullIds ? { fullIds: true } : {}) });
      window.location.assign(link.url);
      message.success(`已生成「${link.fileName}」${link.rows !== undefined ? `（${link.rows} 行${link.fullIds ? '，含完整身份证号，已记录' : ''}）` : ''}，正在下载`);
    } catch (e) {
      message.error(e instanceof ApiError ? `导出未成功：${e.message}` : '导出未成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={8} wrap>
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} disabled={disabled} onClick={() => void run()}>{label}</Button>
      {fullIdsOption ? (
        <Tooltip title="默认身份证号脱敏（如 320482********4521）。勾选后导出完整号码，系统记录导出人、时间和名单。">
          <Checkbox checked={fullIds} onChange={(e) => setFullIds(e.target.checked)}>含完整身份证号（将记录）</Checkbox>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/**
 * The 公示 notice (.docx, GB/T 9704): the bureau picks the publicity period; the API refuses a
 * period shorter than the plan allows, on its field, and the message says so in Chinese.
 */
export function PublicityNoticeButton({ roundId }: { roundId: string }) {
  const [open, setOpen] = useState(false);
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [dayjs(), dayjs().add(7, 'day')]);
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');
  return (
    <>
      <Button icon={<DownloadOutlined aria-hidden />} onClick={() => setOpen(true)}>公示通知（Word）</Button>
      <Modal title="生成公示通知" open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <p>公示期间（不少于 5 个工作日）：</p>
        <DatePicker.RangePicker aria-label="公示期间" value={period} allowClear={false}
          onChange={(v) => { if (v?.[0] && v[1]) setPeriod([v[0], v[1]]); }} style={{ marginBottom: 16 }} />
        <div>
          <ExportButton body={{ kind: 'publicity-notice', roundId, period: { from: day(period[0]), to: day(period[1]) } }} label="生成并下载公示通知（.docx）" />
        </div>
      </Modal>
    </>
  );
}
