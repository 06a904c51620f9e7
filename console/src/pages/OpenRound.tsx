import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { ApiError } from '../api';
import { useApi } from '../session';
import { ErrorAlert, PageTitle } from '../common';
import { DERIVE_ZH, beijingIso, localizeText, tierZh } from '../words';
import type { ScoringComponent } from '../types';

/**
 * "Open a round" (S-ROUND): the body is contracts/api.ts OpenRoundBody — tiers, the
 * reference date, the two deadlines (typed in Beijing time), the scoring model's weighted
 * components and the organisation department's approval of the plan. The API checks it; its
 * problems land on the fields they name.
 */
interface ComponentRow {
  id: string;
  nameZh: string;
  weight: number;
  min: number;
  max: number;
  source: 'form' | 'entered' | 'recommendation' | 'inspection';
  derive?: ScoringComponent['derive'];
}

/**
 * The selection steps a notice may add (contracts/selection.ts, DESIGN §7): 民主推荐 (a ballot
 * deadline, a threshold, or a component), 考察 (how many per seat, a gate, or a component), 公示
 * (working days, at least five by 条例 art. 41). Off by default: a round without them runs as before.
 */
interface SelectionValues {
  recommendation: { on: boolean; closesAt?: Dayjs; thresholdPct?: number | null };
  inspection: { on: boolean; ratio: number; gate: boolean };
  publicity: { on: boolean; workingDays: number };
}

interface Values {
  roundId: string;
  title: string;
  tiers: number[];
  referenceDate?: Dayjs;
  intakeClosesAt?: Dayjs;
  scoringClosesAt?: Dayjs;
  orgDeptApproval: { ref: string; date?: Dayjs };
  components: ComponentRow[];
  selection: SelectionValues;
}

const DEFAULT_SELECTION: SelectionValues = {
  recommendation: { on: false, thresholdPct: null },
  inspection: { on: false, ratio: 1, gate: true },
  publicity: { on: false, workingDays: 5 },
};

/** The notice's selection options as the API takes them; undefined when no step is on. */
export function selectionOf(s: SelectionValues | undefined) {
  if (!s) return undefined;
  const out = {
    ...(s.recommendation.on ? { recommendation: { closesAt: wall(s.recommendation.closesAt), ...(typeof s.recommendation.thresholdPct === 'number' ? { threshold: s.recommendation.thresholdPct / 100 } : {}) } } : {}),
    ...(s.inspection.on ? { inspection: { ratio: s.inspection.ratio, gate: s.inspection.gate } } : {}),
    ...(s.publicity.on ? { publicity: { workingDays: s.publicity.workingDays } } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What a component of each source is, for the source picker. */
const SOURCE_OPTIONS = [
  { value: 'form', label: '取自推荐表' },
  { value: 'entered', label: '评审录入' },
  { value: 'recommendation', label: '民主推荐得票率' },
  { value: 'inspection', label: '考察得分' },
];

const DERIVE_EN: Record<string, string> = { honour: 'honour title', education: 'education', experience: 'years in post', 'lesson-awards': 'quality-lesson prizes' };

const DEFAULT_COMPONENTS: ComponentRow[] = [
  { id: 'honour', nameZh: '学术称号', weight: 0.4, min: 0, max: 8, source: 'form', derive: 'honour' },
  { id: 'education', nameZh: '学历', weight: 0.2, min: 0, max: 3, source: 'form', derive: 'education' },
  { id: 'experience', nameZh: '任职年限', weight: 0.2, min: 0, max: 10, source: 'form', derive: 'experience' },
  { id: 'lessons', nameZh: '优质课获奖', weight: 0.2, min: 0, max: 12, source: 'form', derive: 'lesson-awards' },
];

const date = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const wall = (d: Dayjs | undefined) => (d ? beijingIso({ year: d.year(), month: d.month() + 1, day: d.date(), hour: d.hour(), minute: d.minute() }) : '');

export function bodyOf(v: Values) {
  const selection = selectionOf(v.selection);
  return {
    ...(selection ? { selection } : {}),
    roundId: v.roundId.trim(),
    title: v.title.trim(),
    referenceDate: date(v.referenceDate),
    intakeClosesAt: wall(v.intakeClosesAt),
    scoringClosesAt: wall(v.scoringClosesAt),
    tiers: [...v.tiers].sort(),
    orgDeptApproval: { ref: v.orgDeptApproval.ref.trim(), date: date(v.orgDeptApproval.date) },
    scoringModel: {
      components: v.components.map((c) => ({
        id: c.id.trim(),
        name: { zh: c.nameZh.trim(), en: c.derive ? DERIVE_EN[c.derive] ?? c.id : c.id },
        weight: c.weight, min: c.min, max: c.max, source: c.source,
        ...(c.source === 'form' && c.derive ? { derive: c.derive } : {}),
      })),
    },
  };
}

/** An API problem path → the form field it is about (undefined: shown in the summary only). */
function fieldOf(path: string): (string | number)[] | undefined {
  const comp = /^scoringModel\.components(?:\[(\d+)\]|\.(\d+))\.?(\w+)?(?:\.(zh|en))?$/.exec(path);
  if (comp) {
    const i = Number(comp[1] ?? comp[2]);
    const f = comp[3] === 'name' ? 'nameZh' : comp[3];
    return f && ['id', 'nameZh', 'weight', 'min', 'max', 'source', 'derive'].includes(f) ? ['components', i, f] : undefined;
  }
  const step = /^selection\.(recommendation|inspection|publicity)\.(closesAt|threshold|ratio|gate|workingDays)$/.exec(path);
  if (step) return ['selection', step[1]!, step[2] === 'threshold' ? 'thresholdPct' : step[2]!];
  const top = ['roundId', 'title', 'referenceDate', 'intakeClosesAt', 'scoringClosesAt', 'tiers'];
  if (top.includes(path)) return [path];
  if (path === 'orgDeptApproval.ref' || path === 'orgDeptApproval.date') return path.split('.');
  return undefined;
}

export default function OpenRound() {
  const { api } = useApi();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const components = Form.useWatch('components', form) as ComponentRow[] | undefined;
  const sum = (components ?? []).reduce((s, c) => s + (Number(c?.weight) || 0), 0);
  const year = new Date().getFullYear();
  const selection = Form.useWatch('selection', form) as SelectionValues | undefined;
  const sourceOptions = SOURCE_OPTIONS.filter((o) => (o.value !== 'recommendation' || selection?.recommendation?.on) && (o.value !== 'inspection' || selection?.inspection?.on));

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const round = await api.openRound(bodyOf(v));
      message.success(`已发起遴选批次「${round.title}」`);
      navigate(`/bureau/rounds/${encodeURIComponent(round.roundId)}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const fields = (e.body?.error.problems ?? []).flatMap((p) => {
          const name = fieldOf(p.path);
          return name ? [{ name, errors: [localizeText(p.zh)] }] : [];
        });
        if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>发起遴选批次</PageTitle>
      <Typography.Paragraph>依据方案第三(三)条，遴选须经区委组织部同意。提交后系统即开始受理各单位推荐，截止时间均按北京时间。</Typography.Paragraph>
      <ErrorAlert error={error} title="未能发起" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ roundId: `${year}-R1`, title: `${year} 年度金坛区教育系统后备人才遴选`, tiers: [1, 2, 3], components: DEFAULT_COMPONENTS, orgDeptApproval: { ref: '' }, selection: DEFAULT_SELECTION }}
        scrollToFirstError
      >
        <Card title="基本信息" style={{ marginBottom: 16 }}>
          <Space wrap size="large" align="start">
            <Form.Item label="批次编号" name="roundId" rules={[{ required: true, message: '请填写批次编号' }, { pattern: /^[0-9]{4}-[A-Za-z0-9-]{1,24}$/, message: '格式如 2026-R1：年份、短横线、字母或数字' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="批次名称" name="title" rules={[{ required: true, message: '请填写批次名称' }, { max: 200, message: '不超过 200 字' }]}>
              <Input style={{ width: 420 }} />
            </Form.Item>
          </Space>
          {/* A validator, not `required`: antd would put aria-required on the group's <div>, which ARIA does not allow there. */}
          <Form.Item label="遴选梯队（至少选一个）" name="tiers" rules={[{ validator: async (_, v: number[] | undefined) => { if (!v?.length) throw new Error('至少选择一个梯队'); } }]}>
            <Checkbox.Group role="group" aria-label="遴选梯队" options={[1, 2, 3].map((t) => ({ value: t, label: tierZh(t, true) }))} />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item label="资格计算基准日" name="referenceDate" rules={[{ required: true, message: '请选择基准日' }]} extra="年龄和任职年限按此日计算">
              <DatePicker format="YYYY-MM-DD" placeholder="选择日期" />
            </Form.Item>
            <Form.Item label="收表截止时间（北京时间）" name="intakeClosesAt" rules={[{ required: true, message: '请选择收表截止时间' }]}>
              <DatePicker showTime={{ format: "HH:mm" }} needConfirm={false} format="YYYY-MM-DD HH:mm" placeholder="选择日期和时间" />
            </Form.Item>
            <Form.Item
              label="评分截止时间（北京时间）"
              name="scoringClosesAt"
              dependencies={['intakeClosesAt']}
              rules={[
                { required: true, message: '请选择评分截止时间' },
                ({ getFieldValue }) => ({
                  validator(_, v: Dayjs | undefined) {
                    const intake = getFieldValue('intakeClosesAt') as Dayjs | undefined;
                    return !v || !intake || !v.isBefore(intake) ? Promise.resolve() : Promise.reject(new Error('不能早于收表截止时间'));
                  },
                }),
              ]}
            >
              <DatePicker showTime={{ format: "HH:mm" }} needConfirm={false} format="YYYY-MM-DD HH:mm" placeholder="选择日期和时间" />
            </Form.Item>
          </Space>
        </Card>

        <Card title={`评分方案（权重合计 ${Number(sum.toFixed(6))}，须为 1）`} style={{ marginBottom: 16 }}>
          <Form.List name="components" rules={[{ validator: async (_, list: ComponentRow[]) => { if (!list?.length) throw new Error('至少一个评分项'); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item label="评分项名称" name={[f.name, 'nameZh']} rules={[{ required: true, message: '请填写名称' }]}><Input style={{ width: 140 }} /></Form.Item>
                    <Form.Item label="代号" name={[f.name, 'id']} rules={[{ required: true, message: '请填写代号' }, { pattern: /^[a-z][a-z0-9-]*$/, message: '小写字母、数字、短横线' }]}><Input style={{ width: 120 }} /></Form.Item>
                    <Form.Item label="权重" name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}><InputNumber min={0.01} max={1} step={0.05} style={{ width: 90 }} /></Form.Item>
                    <Form.Item label="最低分" name={[f.name, 'min']} rules={[{ required: true, message: '必填' }]}><InputNumber style={{ width: 80 }} /></Form.Item>
                    <Form.Item label="最高分" name={[f.name, 'max']} rules={[{ required: true, message: '必填' }]}><InputNumber style={{ width: 80 }} /></Form.Item>
                    <Form.Item label="来源" name={[f.name, 'source']} rules={[{ required: true, message: '必选' }]}>
                      <Select style={{ width: 150 }} options={sourceOptions} />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => form.getFieldValue(['components', f.name, 'source']) === 'form' ? (
                        <Form.Item label="取自" name={[f.name, 'derive']} rules={[{ required: true, message: '请选择' }]}>
                          <Select style={{ width: 130 }} options={Object.entries(DERIVE_ZH).map(([value, label]) => ({ value, label }))} />
                        </Form.Item>
                      ) : null}
                    </Form.Item>
                    <Form.Item label=" "><Button onClick={() => remove(f.name)}>{`删除第 ${i + 1} 项`}</Button></Form.Item>
                  </Space>
                ))}
                <Button onClick={() => add({ id: '', nameZh: '', weight: 0.1, min: 0, max: 100, source: 'entered' })}>添加评分项</Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Card>

        <Card title="选任程序（民主推荐、考察、公示）" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">依《党政领导干部选拔任用工作条例》，可增加以下程序；各程序均在批次流程中自动进行。选用「民主推荐得票率」「考察得分」作评分项时，须先开启相应程序。</Typography.Paragraph>
          <Form.Item name={['selection', 'recommendation', 'on']} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>民主推荐（各单位投票，按推荐票占有效票比例）</Checkbox>
          </Form.Item>
          {selection?.recommendation?.on ? (
            <Space wrap size="large" align="start" style={{ marginLeft: 24 }}>
              <Form.Item label="投票截止时间（北京时间）" name={['selection', 'recommendation', 'closesAt']} rules={[{ required: true, message: '请选择投票截止时间' }]} extra="须晚于收表截止、不晚于评分截止">
                <DatePicker showTime={{ format: 'HH:mm' }} needConfirm={false} format="YYYY-MM-DD HH:mm" placeholder="选择日期和时间" />
              </Form.Item>
              <Form.Item label="推荐票比例门槛（%）" name={['selection', 'recommendation', 'thresholdPct']} extra="低于此比例者不参加排名；留空则不设门槛">
                <InputNumber min={0} max={100} step={5} style={{ width: 120 }} />
              </Form.Item>
            </Space>
          ) : null}
          <Form.Item name={['selection', 'inspection', 'on']} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>考察（对初步排名靠前者组织考察）</Checkbox>
          </Form.Item>
          {selection?.inspection?.on ? (
            <Space wrap size="large" align="start" style={{ marginLeft: 24 }}>
              <Form.Item label="考察人数与空余名额之比" name={['selection', 'inspection', 'ratio']} rules={[{ required: true, message: '请填写' }]} extra="1 为等额考察，大于 1 为差额考察（至多 3）">
                <InputNumber min={1} max={3} step={0.1} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item label="考察结论" name={['selection', 'inspection', 'gate']} valuePropName="checked">
                <Checkbox>考察不合格者不予入库</Checkbox>
              </Form.Item>
            </Space>
          ) : null}
          <Form.Item name={['selection', 'publicity', 'on']} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>公示（批准后、入库前，按工作日计算）</Checkbox>
          </Form.Item>
          {selection?.publicity?.on ? (
            <Space wrap size="large" align="start" style={{ marginLeft: 24 }}>
              <Form.Item label="公示工作日" name={['selection', 'publicity', 'workingDays']} rules={[{ required: true, message: '请填写' }]} extra="不少于 5 个工作日（条例第四十一条），至多 30 个；自批准后第一个工作日起算">
                <InputNumber min={5} max={30} step={1} precision={0} style={{ width: 120 }} />
              </Form.Item>
            </Space>
          ) : null}
        </Card>

        <Card title="区委组织部批复" style={{ marginBottom: 16 }}>
          <Space wrap size="large" align="start">
            <Form.Item label="批复文号" name={['orgDeptApproval', 'ref']} rules={[{ required: true, message: '请填写批复文号' }]}>
              <Input style={{ width: 260 }} placeholder="如 坛组干〔2026〕12 号" />
            </Form.Item>
            <Form.Item label="批复日期" name={['orgDeptApproval', 'date']} rules={[{ required: true, message: '请选择批复日期' }]}>
              <DatePicker format="YYYY-MM-DD" placeholder="选择日期" />
            </Form.Item>
          </Space>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>发起遴选</Button>
          <Button onClick={() => navigate('/bureau')}>取消</Button>
        </Space>
      </Form>
    </>
  );
}
