import { useState } from 'react';
import { App, Button, Checkbox, Space, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type * as z from 'zod';
import type { ExportBody, ExportLink } from '../../contracts/exports';
import { ApiError } from './api';
import { useApi } from './session';

/** What the console asks POST /exports for: the contract's own input type. */
export type ExportRequest = z.input<typeof ExportBody>;

/**
 * One export where its list is shown (issue #13): POST /exports, then the browser navigates
 * to the short-lived link, which answers with the file as an attachment under its Chinese
 * name. Navigation, not fetch: the bucket's CORS allows only the upload POST, and a download
 * by navigation leaves the page where it is.
 *
 * `fullIds` offers the bureau the ID numbers in full; the API refuses it to anyone else, and
 * audits who asked, when and for which list, which the checkbox says before it is ticked.
 */
export function ExportButton({ body, label, fullIdsOption = false }: { body: ExportRequest; label: string; fullIdsOption?: boolean }) {
  const { api } = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [fullIds, setFullIds] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const link = await api.request<ExportLink>('POST', '/exports', { ...body, ...(fullIds ? { fullIds: true } : {}) });
      window.location.assign(link.url);
      message.success(`已生成「${link.fileName}」（${link.rows} 行${link.fullIds ? '，含完整身份证号，已记录' : ''}），正在下载`);
    } catch (e) {
      message.error(e instanceof ApiError ? `导出未成功：${e.message}` : '导出未成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={8} wrap>
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()}>{label}</Button>
      {fullIdsOption ? (
        <Tooltip title="默认身份证号脱敏（如 320482********4521）。勾选后导出完整号码，系统记录导出人、时间和名单。">
          <Checkbox checked={fullIds} onChange={(e) => setFullIds(e.target.checked)}>含完整身份证号（将记录）</Checkbox>
        </Tooltip>
      ) : null}
    </Space>
  );
}
