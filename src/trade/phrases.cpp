// The niches report's phrases in English, Russian, Kazakh and Chinese (our
// translations). A unit test asserts the table is complete (Phrasebook::missing).

#include "corridor/trade.hpp"

namespace corridor::trade {

namespace {

constexpr core::Phrase kPhrases[] = {
    {"title", "Trade niches", "Торговые ниши", "Сауда тауашалары", "贸易商机"},
    {"subtitle",
     "Products one country can sell more of to the other, in both directions",
     "Товары, которые одна страна может больше продавать другой, в обе стороны",
     "Бір елдің екінші елге көбірек сата алатын тауарлары, екі бағытта да",
     "一国可向另一国扩大出口的产品（双向）"},
    {"data", "Data", "Данные", "Деректер", "数据"},
    {"years", "Years (averaged)", "Годы (среднее)", "Жылдар (орташа)", "年份（取平均）"},
    {"hs_level", "HS level", "Уровень ТН ВЭД (ГС)", "ҮЖ деңгейі", "HS 层级"},
    {"digits", "digits", "знака", "таңба", "位"},
    {"fingerprint",
     "Fingerprint of the input tables",
     "Отпечаток входных таблиц",
     "Кіріс кестелерінің саусақ ізі",
     "输入表的指纹"},
    {"trade", "Trade", "Товарооборот", "Сауда көлемі", "贸易额"},
    {"complementarity",
     "Trade complementarity (Michaely, 0–100)",
     "Торговая комплементарность (Михаэли, 0–100)",
     "Сауда толықтырушылығы (Михаэли, 0–100)",
     "贸易互补性指数（Michaely，0–100）"},
    {"intensity",
     "Trade intensity",
     "Интенсивность торговли",
     "Сауда қарқындылығы",
     "贸易强度指数"},
    {"ease",
     "Ease of trade (actual / predicted)",
     "Лёгкость торговли (факт / прогноз)",
     "Сауданың жеңілдігі (нақты / болжам)",
     "贸易便利度（实际/预测）"},
    {"eci",
     "Economic complexity of the exporter (ECI)",
     "Экономическая сложность экспортёра (ECI)",
     "Экспорттаушының экономикалық күрделілігі (ECI)",
     "出口国经济复杂度（ECI）"},
    {"grow",
     "Grow: products already competitive, with untapped potential",
     "Наращивать: конкурентоспособные товары с неиспользованным потенциалом",
     "Өсіру: бәсекеге қабілетті, әлеуеті толық пайдаланылмаған тауарлар",
     "扩大：已具竞争力且有未开发潜力的产品"},
    {"diversify",
     "Diversify: new products close to current strengths",
     "Диверсифицировать: новые товары, близкие к нынешним сильным сторонам",
     "Әртараптандыру: қазіргі күшті жақтарға жақын жаңа тауарлар",
     "多元化：接近现有优势的新产品"},
    {"none",
     "No product qualifies.",
     "Ни один товар не подходит.",
     "Бірде-бір тауар сәйкес келмейді.",
     "没有符合条件的产品。"},
    {"rank", "#", "№", "№", "序号"},
    {"product", "Product", "Товар", "Тауар", "产品"},
    {"actual",
     "Exports now, US$ m",
     "Экспорт сейчас, млн долл.",
     "Қазіргі экспорт, млн доллар",
     "现有出口（百万美元）"},
    {"imports",
     "Market imports, US$ m",
     "Импорт рынка, млн долл.",
     "Нарық импорты, млн доллар",
     "市场进口（百万美元）"},
    {"potential",
     "Potential, US$ m",
     "Потенциал, млн долл.",
     "Әлеует, млн доллар",
     "潜力（百万美元）"},
    {"untapped",
     "Untapped, US$ m",
     "Не использовано, млн долл.",
     "Пайдаланылмаған, млн доллар",
     "未开发（百万美元）"},
    {"rca", "RCA", "ВСП (RCA)", "АСА (RCA)", "显性比较优势（RCA）"},
    {"density", "Density", "Плотность", "Тығыздық", "密度"},
    {"cog", "Opportunity gain", "Выигрыш возможностей", "Мүмкіндік пайдасы", "机会收益"},
    {"pci", "Product complexity", "Сложность товара", "Тауар күрделілігі", "产品复杂度"},
    {"mode", "Carried as", "Способ перевозки", "Тасымалдау түрі", "运输方式"},
    {"stability",
     "Rank range (stability)",
     "Диапазон мест (устойчивость)",
     "Орын ауқымы (тұрақтылық)",
     "排名范围（稳定性）"},
    {"reason", "Why", "Почему", "Неге", "理由"},
    {"falls_out", "drops out", "выпадает", "тізімнен шығады", "会掉出"},
    {"reason_grow",
     "competitive exporter (RCA {rca}); {to} imports {imports}; untapped {untapped}",
     "конкурентоспособный экспортёр (RCA {rca}); импорт {to}: {imports}; не использовано "
     "{untapped}",
     "бәсекеге қабілетті экспорттаушы (RCA {rca}); {to} импорты: {imports}; пайдаланылмаған "
     "{untapped}",
     "具竞争力的出口国（RCA {rca}）；{to}进口 {imports}；未开发 {untapped}"},
    {"reason_div",
     "close to what {from} already exports (density {density}); opportunity gain {cog}; {to} "
     "imports {imports}",
     "близко к тому, что {from} уже экспортирует (плотность {density}); выигрыш {cog}; импорт "
     "{to}: {imports}",
     "{from} қазір экспорттайтын тауарларға жақын (тығыздық {density}); мүмкіндік пайдасы {cog}; "
     "{to} импорты: {imports}",
     "与{from}现有出口相近（密度 {density}）；机会收益 {cog}；{to}进口 {imports}"},
    {"usd_m", "US$ {x} m", "{x} млн долл.", "{x} млн доллар", "{x} 百万美元"},
    {"scatter",
     "Distance against opportunity gain (products the exporter does not yet export "
     "competitively; the diversify list highlighted)",
     "Расстояние и выигрыш возможностей (товары, которые экспортёр пока не экспортирует "
     "конкурентоспособно; список диверсификации выделен)",
     "Қашықтық пен мүмкіндік пайдасы (экспорттаушы әлі бәсекеге қабілетті экспорттамайтын "
     "тауарлар; әртараптандыру тізімі белгіленген)",
     "距离与机会收益（出口国尚无竞争优势的产品；多元化清单高亮）"},
    {"distance",
     "Distance (1 − density)",
     "Расстояние (1 − плотность)",
     "Қашықтық (1 − тығыздық)",
     "距离（1 − 密度）"},
    {"space",
     "The product space (Atlas layout): current strengths and niches",
     "Пространство товаров (схема Atlas): нынешние сильные стороны и ниши",
     "Тауарлар кеңістігі (Atlas схемасы): қазіргі күшті жақтар мен тауашалар",
     "产品空间（Atlas 布局）：现有优势与商机"},
    {"legend_current", "RCA ≥ 1 now", "RCA ≥ 1 сейчас", "Қазір RCA ≥ 1", "目前 RCA ≥ 1"},
    {"legend_grow", "grow list", "список «наращивать»", "«өсіру» тізімі", "扩大清单"},
    {"legend_div",
     "diversify list",
     "список «диверсифицировать»",
     "«әртараптандыру» тізімі",
     "多元化清单"},
    {"legend_other", "other products", "прочие товары", "басқа тауарлар", "其他产品"},
    {"no_layout",
     "No product-space layout in the data folder.",
     "В папке данных нет схемы пространства товаров.",
     "Деректер қалтасында тауарлар кеңістігінің схемасы жоқ.",
     "数据文件夹中没有产品空间布局。"},
    {"method", "Method", "Методика", "Әдістеме", "方法"},
    {"method_text",
     "RCA after Balassa; complementarity after Michaely; the product space, ECI, PCI and "
     "opportunity gain as Stata's ecomplexity computes them; export potential in the manner of "
     "ITC's export potential indicator (supply × demand × ease), simplified as docs/niches.md "
     "lists. Rank ranges come from runs with each input table perturbed and each year dropped.",
     "RCA по Балассе; комплементарность по Михаэли; пространство товаров, ECI, PCI и выигрыш "
     "возможностей — как в пакете ecomplexity для Stata; экспортный потенциал — по образцу "
     "индикатора ITC (предложение × спрос × лёгкость торговли) с упрощениями из docs/niches.md. "
     "Диапазоны мест — по расчётам с возмущением каждой входной таблицы и без каждого года.",
     "RCA — Баласса бойынша; толықтырушылық — Михаэли бойынша; тауарлар кеңістігі, ECI, PCI және "
     "мүмкіндік пайдасы — Stata-ның ecomplexity пакетіндегідей; экспорттық әлеует — ITC "
     "индикаторы үлгісімен (ұсыныс × сұраныс × жеңілдік), docs/niches.md-дағы жеңілдетулермен. "
     "Орын ауқымдары әр кіріс кестесін ауытқытып және әр жылды алып тастап есептелген.",
     "RCA 按 Balassa 方法；互补性按 Michaely 方法；产品空间、ECI、PCI 与机会收益按 Stata "
     "ecomplexity 的算法；出口潜力参照 ITC 出口潜力指标（供给 × 需求 × 便利度），简化之处见 "
     "docs/niches.md。排名范围来自逐一扰动各输入表及剔除各年份的重算。"},
    {"sources", "Sources", "Источники", "Дереккөздер", "数据来源"},
    {"names_note",
     "Kazakh and Chinese names of HS sections and chapters are our translation.",
     "Казахские и китайские названия разделов и групп ГС — наш перевод.",
     "ҮЖ бөлімдері мен топтарының қазақша және қытайша атаулары — біздің аудармамыз.",
     "HS 类、章的哈萨克语和中文名称为我们的译文。"},
    {"bulk", "bulk", "навалом/насыпью", "үйме жүк", "散货"},
    {"liquid", "liquid", "наливом", "құйма жүк", "液体散货"},
    {"container", "container", "контейнер", "контейнер", "集装箱"},
    {"perishable", "perishable", "скоропортящийся", "тез бұзылатын", "易腐货物"},
    {"hazardous", "hazardous", "опасный груз", "қауіпті жүк", "危险品"},
    {"by_mode",
     "Untapped potential by how the goods travel",
     "Неиспользованный потенциал по способу перевозки",
     "Пайдаланылмаған әлеует тасымалдау түрі бойынша",
     "按运输方式划分的未开发潜力"},
    {"unclassified", "unclassified", "без класса", "жіктелмеген", "未分类"},
    {"tariff", "tariff {x}%", "пошлина {x}%", "баж {x}%", "关税 {x}%"},
    {"register",
     "exporters must register with the market's authority first",
     "экспортёры сначала должны пройти регистрацию в ведомстве страны-импортёра",
     "экспорттаушылар алдымен импорттаушы елдің уәкілетті органында тіркелуі тиіс",
     "出口企业须先在进口国主管部门注册"},
    {"KAZ", "Kazakhstan", "Казахстан", "Қазақстан", "哈萨克斯坦"},
    {"CHN", "China", "Китай", "Қытай", "中国"},
    {"warnings", "Warnings", "Предупреждения", "Ескертулер", "警告"},
};

}  // namespace

const core::Phrasebook& phrasebook() {
  static const core::Phrasebook book{kPhrases};
  return book;
}

}  // namespace corridor::trade
