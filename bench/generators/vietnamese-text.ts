// Vietnamese-like political-commentary essays for generated data: sentences assembled from phrase
// lists, grouped into paragraphs and numbered sections, deterministic from a seed. The text reads
// like the genre without being anyone's essay; it exists to give the portal realistic volumes,
// word counts, diacritics and something for masking and similarity checks to work on.
import { Rng } from "./random";

const OPENERS = [
  "", "", "", "", "Có thể khẳng định rằng ", "Thực tiễn cho thấy ", "Trong bối cảnh hiện nay, ", "Không thể phủ nhận rằng ",
  "Điều đáng chú ý là ", "Hơn bao giờ hết, ", "Trên thực tế, ", "Từ góc độ lý luận, ", "Nhìn lại chặng đường đã qua, ",
  "Cần nhận thức rõ rằng ", "Chính vì vậy, ", "Bên cạnh đó, ", "Mặt khác, ", "Đặc biệt, ", "Trong những năm gần đây, ",
  "Qua gần bốn mươi năm đổi mới, ", "Ở góc độ thực tiễn, ", "Không phải ngẫu nhiên mà ",
];

const ACTORS = [
  "mỗi cán bộ, đảng viên", "cấp ủy, chính quyền các cấp", "đội ngũ báo cáo viên, tuyên truyền viên", "lực lượng nòng cốt đấu tranh trên không gian mạng",
  "mỗi đoàn viên, thanh niên", "các chi bộ ở khu dân cư", "người đứng đầu cấp ủy", "các cơ quan báo chí, truyền thông",
  "Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội", "nhà trường và gia đình", "đội ngũ giáo viên các trường học", "mỗi người dân",
];

// Verb and object together, so that what is defended and what is fought are never swapped.
const PREDICATES = [
  "bảo vệ vững chắc nền tảng tư tưởng của Đảng", "kiên định chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh",
  "kiên quyết đấu tranh, phản bác các quan điểm sai trái, thù địch", "nâng cao sức đề kháng trước các thông tin xấu, độc trên mạng xã hội",
  "tích cực lan tỏa những thông tin tích cực, những câu chuyện đẹp trong cuộc sống",
  "thường xuyên học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "đổi mới nội dung, phương thức tuyên truyền các nghị quyết của Đảng",
  "kịp thời định hướng thông tin trước những vấn đề dư luận quan tâm", "gương mẫu chấp hành chính sách, pháp luật của Nhà nước",
  "nghiên cứu, vận dụng sáng tạo chủ nghĩa Mác – Lênin vào thực tiễn", "phát huy vai trò nêu gương trong công tác xây dựng, chỉnh đốn Đảng",
  "xây dựng và nhân rộng các mô hình dân vận khéo", "quán triệt sâu sắc đường lối đổi mới của Đảng",
  "nêu cao tinh thần cảnh giác trước các thủ đoạn “diễn biến hòa bình”", "chủ động nắm bắt tâm tư, nguyện vọng của nhân dân",
  "củng cố niềm tin của nhân dân đối với Đảng", "giữ gìn và phát huy những giá trị văn hóa truyền thống của dân tộc",
  "biểu dương, nhân rộng các tấm gương người tốt, việc tốt", "sàng lọc, kiểm chứng thông tin trước khi chia sẻ trên mạng xã hội",
  "phát hiện, bác bỏ kịp thời các luận điệu xuyên tạc", "đấu tranh ngăn chặn biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
];

const PURPOSES = [
  "", "", ", góp phần củng cố niềm tin của nhân dân", ", qua đó tạo sự đồng thuận trong xã hội", " nhằm giữ vững trận địa tư tưởng ở cơ sở",
  ", không để bị động, bất ngờ trước mọi tình huống", ", từ đó lan tỏa những giá trị tích cực trong cộng đồng", " để mỗi người dân thấy rõ đúng – sai",
  ", góp phần xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
];

const MANNERS = [
  "", "", " một cách kiên trì, bền bỉ", " bằng những việc làm cụ thể, thiết thực", " với tinh thần cầu thị, lắng nghe",
  " trên cả môi trường trực tuyến và trực tiếp", " một cách thường xuyên, liên tục", " bằng ngôn ngữ gần gũi, dễ hiểu",
];

// Each foundation with the predicates that suit it; the first two are doctrines.
const FOUNDATIONS: readonly (readonly [string, readonly string[]])[] = [
  ["Chủ nghĩa Mác – Lênin và tư tưởng Hồ Chí Minh", ["kim chỉ nam cho mọi hành động của Đảng và nhân dân ta", "giá trị bền vững đã được thực tiễn kiểm nghiệm", "nền tảng tư tưởng vững chắc của Đảng"]],
  ["Nền tảng tư tưởng của Đảng", ["kim chỉ nam cho mọi hành động của Đảng và nhân dân ta", "giá trị bền vững đã được thực tiễn kiểm nghiệm", "nền móng vững chắc cho sự phát triển bền vững của đất nước"]],
  ["Sự lãnh đạo của Đảng Cộng sản Việt Nam", ["nhân tố hàng đầu quyết định mọi thắng lợi của cách mạng Việt Nam", "nền móng vững chắc cho sự phát triển bền vững của đất nước"]],
  ["Con đường đi lên chủ nghĩa xã hội", ["sự lựa chọn đúng đắn, phù hợp với quy luật phát triển của lịch sử", "mục tiêu nhất quán của Đảng và nhân dân ta"]],
  ["Khối đại đoàn kết toàn dân tộc", ["cội nguồn sức mạnh của dân tộc Việt Nam", "nguồn sức mạnh to lớn để vượt qua mọi khó khăn, thách thức"]],
  ["Công cuộc đổi mới đất nước", ["sự lựa chọn đúng đắn, phù hợp với quy luật phát triển của lịch sử", "nguồn gốc của những thành tựu to lớn, có ý nghĩa lịch sử"]],
  ["Mối quan hệ máu thịt giữa Đảng và nhân dân", ["cội nguồn sức mạnh của dân tộc Việt Nam", "nguồn sức mạnh to lớn để vượt qua mọi khó khăn, thách thức"]],
];

const ELABORATIONS = [
  "", "", ", điều đó đã được lịch sử và thực tiễn chứng minh", ", không một thế lực nào có thể phủ nhận", ", được nhân dân tin tưởng và ủng hộ",
  " trong suốt gần một thế kỷ qua", ", nhất là trong những thời khắc khó khăn nhất của dân tộc",
];

const MISCONCEPTIONS = ["những giáo điều khô cứng", "một học thuyết xa rời cuộc sống", "những khẩu hiệu chung chung", "sự áp đặt từ bên ngoài"];

const HOSTILE = [
  "các thế lực thù địch", "một số phần tử cơ hội, bất mãn chính trị", "những đối tượng phản động lưu vong", "một số trang mạng thiếu thiện chí",
  "những kẻ mang danh “dân chủ”, “nhân quyền”",
];

const HOSTILE_VERBS = [
  "ra sức xuyên tạc", "tìm mọi cách phủ nhận", "lợi dụng mạng xã hội để xuyên tạc", "cố tình bóp méo",
  "tung tin thất thiệt nhằm hạ thấp", "tìm cách bôi nhọ, làm lu mờ",
];

const TARGETS = [
  "vai trò lãnh đạo của Đảng", "thành tựu của công cuộc đổi mới", "giá trị của chủ nghĩa Mác – Lênin", "kết quả công tác phòng, chống tham nhũng, tiêu cực",
  "bản chất tốt đẹp của chế độ xã hội chủ nghĩa", "hình ảnh người cán bộ, đảng viên", "chính sách tôn giáo, dân tộc của Nhà nước",
  "truyền thống lịch sử vẻ vang của dân tộc",
];

const HOSTILE_MEANS = [
  "", ", với những thủ đoạn ngày càng tinh vi", " nhằm gây hoang mang trong dư luận", " hòng thực hiện âm mưu “diễn biến hòa bình”",
  ", đặc biệt là vào những thời điểm nhạy cảm", " thông qua các video, bài viết được cắt ghép có chủ đích",
];

const FALSE_CLAIMS = [
  "chủ nghĩa Mác – Lênin đã lỗi thời", "đổi mới chỉ là thay đổi về kinh tế", "phòng, chống tham nhũng là “đấu đá nội bộ”",
  "Việt Nam không có tự do ngôn luận", "kinh tế thị trường không thể đi cùng định hướng xã hội chủ nghĩa", "thế hệ trẻ thờ ơ với chính trị",
  "cần phải “đa nguyên, đa đảng” mới có dân chủ",
];

const REBUTTALS = [
  "bởi thực tiễn đã chứng minh điều ngược lại", "vì nó cố tình phớt lờ những thành tựu mà cộng đồng quốc tế ghi nhận",
  "bởi lẽ họ chỉ nhìn sự việc một cách phiến diện, tách rời bối cảnh", "đi ngược lại lợi ích của chính nhân dân", "không có cơ sở khoa học và thực tiễn",
];

const ACHIEVEMENTS = [
  "Tốc độ tăng trưởng kinh tế ổn định trong nhiều năm", "Việc hoàn thành xây dựng nông thôn mới và đô thị văn minh", "Kết quả giảm nghèo bền vững",
  "Sự hài lòng của người dân đối với dịch vụ hành chính công", "Phong trào “Dân vận khéo” ở cơ sở", "Việc xử lý nghiêm minh các vụ án tham nhũng",
  "Vị thế và uy tín quốc tế của Việt Nam", "Thành công của công tác phòng, chống dịch bệnh",
];

const PROOFS = [
  "tính đúng đắn của đường lối đổi mới", "sức sống của chủ nghĩa Mác – Lênin và tư tưởng Hồ Chí Minh", "sự lãnh đạo đúng đắn của Đảng",
  "sự thống nhất giữa ý Đảng và lòng dân", "hiệu quả của công tác xây dựng, chỉnh đốn Đảng",
];

const LOCAL_PLACES = ["{place}", "nhiều phường trên địa bàn {place}", "các khu dân cư", "nhiều chi bộ trực thuộc", "các trường học trên địa bàn", "cơ quan, đơn vị nơi tôi công tác"];

const LOCAL_FACTS = [
  "việc đối thoại trực tiếp với nhân dân đã giúp tháo gỡ nhiều vướng mắc ngay từ cơ sở", "các nhóm Zalo khu phố đã trở thành kênh thông tin chính thống gần gũi với người dân",
  "đoàn viên, thanh niên đã chủ động đăng tải hàng trăm bài viết tích cực", "nhiều tin giả đã được phát hiện và bác bỏ kịp thời",
  "mô hình “Chi bộ bốn tốt” mang lại hiệu quả rõ rệt", "người dân ngày càng tin tưởng vào sự lãnh đạo của cấp ủy",
  "các buổi sinh hoạt chuyên đề đã giúp cán bộ, đảng viên nhận diện rõ hơn các luận điệu sai trái",
];

const PROBLEMS = [
  "sự bùng nổ của mạng xã hội", "tình trạng suy thoái về tư tưởng chính trị, đạo đức, lối sống của một bộ phận cán bộ, đảng viên",
  "làn sóng tin giả, tin sai sự thật", "cuộc Cách mạng công nghiệp lần thứ tư", "quá trình hội nhập quốc tế sâu rộng",
  "sự chống phá ngày càng tinh vi của các thế lực thù địch",
];

const REQUIREMENTS = [
  "ngày càng cao đối với công tác tư tưởng", "cấp bách về việc nâng cao “sức đề kháng” cho cán bộ, đảng viên và nhân dân",
  "mới đối với công tác bảo vệ nền tảng tư tưởng của Đảng", "phải đổi mới mạnh mẽ phương thức đấu tranh trên không gian mạng",
  "kết hợp chặt chẽ giữa “xây” và “chống”, lấy “xây” là chính",
];

const PERSONS = ["cán bộ, đảng viên", "đoàn viên, thanh niên", "người dân", "thầy cô giáo", "hội viên"];
const ROLES = [
  "“chiến sĩ” trên mặt trận tư tưởng", "tuyên truyền viên tích cực", "“bộ lọc” thông tin tỉnh táo", "hạt nhân lan tỏa năng lượng tích cực",
  "tấm gương sáng về bản lĩnh chính trị",
];

const GOALS = [
  "bảo vệ vững chắc nền tảng tư tưởng của Đảng", "nâng cao hiệu quả đấu tranh trên không gian mạng", "củng cố niềm tin của nhân dân",
  "xây dựng Đảng trong sạch, vững mạnh", "thực hiện thắng lợi nghị quyết đại hội Đảng bộ các cấp", "phát huy sức mạnh khối đại đoàn kết toàn dân tộc",
];

const HEADINGS = [
  "Nền tảng tư tưởng – giá trị bền vững của cách mạng Việt Nam", "Nhận diện âm mưu, thủ đoạn chống phá trong tình hình mới",
  "Phản bác những luận điệu xuyên tạc, sai trái", "Những kết quả từ thực tiễn cơ sở", "Giải pháp nâng cao hiệu quả bảo vệ nền tảng tư tưởng của Đảng",
  "Vai trò xung kích của đoàn viên, thanh niên", "Trách nhiệm nêu gương của cán bộ, đảng viên", "Xây dựng “sức đề kháng” trên không gian mạng",
  "Lấy “xây” làm chính, kết hợp chặt chẽ với “chống”", "Củng cố niềm tin, tạo đồng thuận xã hội", "Từ nhận thức đến hành động",
  "Bài học kinh nghiệm và định hướng thời gian tới",
];

const TITLES = [
  "Giữ vững trận địa tư tưởng trên không gian mạng", "Niềm tin vững chắc vào con đường đã chọn", "Bản lĩnh chính trị của người đảng viên trong thời đại số",
  "Không để “lạc” giữa ma trận thông tin", "Sức sống của chủ nghĩa Mác – Lênin trong thế kỷ XXI", "Tư tưởng Hồ Chí Minh – ngọn đuốc soi đường",
  "Thanh niên với trách nhiệm bảo vệ nền tảng tư tưởng của Đảng", "“Xây” và “chống” – hai mặt của một nhiệm vụ", "Từ khu phố nhỏ đến mặt trận tư tưởng lớn",
  "Phản bác luận điệu “đổi mới chỉ là kinh tế”", "Đừng để tin giả đánh mất niềm tin", "Chống tham nhũng, tiêu cực không phải là “đấu đá nội bộ”",
  "Dân chủ xã hội chủ nghĩa – bản chất và thực tiễn", "Lan tỏa cái đẹp để đẩy lùi cái xấu", "Ý Đảng, lòng dân – sức mạnh không gì lay chuyển",
  "Mỗi đảng viên là một “chiến sĩ” trên mặt trận tư tưởng", "Nhận diện và phản bác quan điểm sai trái về nhân quyền", "Bảo vệ nền tảng tư tưởng từ cơ sở",
  "Chuyển đổi số và cuộc đấu tranh trên mặt trận tư tưởng", "Giữ lửa niềm tin trong thế hệ trẻ", "Khối đại đoàn kết – “thành đồng” trước mọi âm mưu chia rẽ",
  "Học tập và làm theo Bác từ những việc nhỏ", "Kinh tế thị trường định hướng xã hội chủ nghĩa – sáng tạo của Việt Nam",
  "Tự diễn biến, tự chuyển hóa – hiểm họa từ bên trong", "Sức mạnh của sự thật trước những luận điệu sai trái", "Người trẻ và trách nhiệm với niềm tin",
  "Nêu gương – cách tuyên truyền thuyết phục nhất", "Không gian mạng không phải “vùng đất không luật pháp”", "Vững vàng trước những “làn sóng” thông tin trái chiều",
  "Đấu tranh phản bác bằng lý lẽ và sự thật", "Lòng dân – “thế trận” vững chắc nhất", "Dân chủ ở cơ sở – thước đo niềm tin",
  "Giữ gìn bản sắc văn hóa trong thời kỳ hội nhập", "Trách nhiệm của người thầy trên mặt trận tư tưởng", "Khi mỗi người dân là một “bộ lọc” thông tin",
  "Đổi mới không phải là “đổi màu”",
];

const SUBTITLES = [
  "nhìn từ thực tiễn {place}", "suy ngẫm của một người trẻ", "góc nhìn từ cơ sở", "trách nhiệm của mỗi chúng ta", "bài học từ thực tiễn", "những điều trăn trở",
  "góc nhìn của một đảng viên trẻ", "từ thực tiễn một khu phố", "suy nghĩ của một nhà giáo", "kinh nghiệm từ một chi bộ khu dân cư",
];

const ABSTRACT_TOPICS = [
  "vai trò của nền tảng tư tưởng của Đảng trong bối cảnh chuyển đổi số", "âm mưu, thủ đoạn chống phá của các thế lực thù địch trên không gian mạng",
  "trách nhiệm nêu gương của cán bộ, đảng viên", "vai trò của thế hệ trẻ trong đấu tranh phản bác các quan điểm sai trái",
  "mối quan hệ giữa “xây” và “chống” trên mặt trận tư tưởng", "giá trị bền vững của chủ nghĩa Mác – Lênin và tư tưởng Hồ Chí Minh",
];

const ABSTRACT_CLARIFY = [
  "những yêu cầu mới đối với công tác tuyên truyền ở cơ sở", "tính khoa học và cách mạng của con đường đi lên chủ nghĩa xã hội ở Việt Nam",
  "bản chất phản động của các luận điệu xuyên tạc", "nguyên nhân khiến một bộ phận người dân dễ bị tác động bởi thông tin sai lệch",
];

const CONCLUSIONS = [
  "Bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ thường xuyên, lâu dài của cả hệ thống chính trị và toàn dân.",
  "Mỗi người, từ vị trí công tác của mình, đều có thể góp một phần nhỏ bé nhưng thiết thực vào nhiệm vụ chung ấy.",
  "Niềm tin được vun đắp từ những việc làm cụ thể hôm nay chính là “lá chắn” vững chắc nhất trước mọi luận điệu sai trái.",
];

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);
}

function sentence(rng: Rng, place: string, last: { template: number }): string {
  const p = <T>(xs: readonly T[]) => rng.pick(xs);
  const fill = (s: string) => s.replaceAll("{place}", place);
  const foundation = () => {
    const [subject, values] = p(FOUNDATIONS);
    return { subject, value: p(values) };
  };
  const twoPredicates = () => {
    const [a, b] = rng.shuffle(PREDICATES);
    return [a!, b!] as const;
  };
  const templates: (() => string)[] = [
    () => `${p(OPENERS)}${p(ACTORS)} cần ${p(PREDICATES)}${p(PURPOSES)}.`,
    () => {
      const f = foundation();
      return `${f.subject} là ${f.value}${p(ELABORATIONS)}.`;
    },
    () => `${p(OPENERS)}${p(HOSTILE)} ${p(HOSTILE_VERBS)} ${p(TARGETS)}${p(HOSTILE_MEANS)}.`,
    () => `Để ${p(GOALS)}, ${p(ACTORS)} phải ${p(PREDICATES)}${p(MANNERS)}.`,
    () => `${p(ACHIEVEMENTS)} là minh chứng sinh động cho ${p(PROOFS)}.`,
    () => {
      const [a, b] = twoPredicates();
      return `Không chỉ ${a}, ${p(ACTORS)} còn ${b}${p(MANNERS)}.`;
    },
    () => `Những luận điệu cho rằng ${p(FALSE_CLAIMS)} là hoàn toàn sai trái, ${p(REBUTTALS)}.`,
    () => `Thực tế tại ${fill(p(LOCAL_PLACES))} cho thấy ${p(LOCAL_FACTS)}.`,
    () => `${p(OPENERS)}${p(PROBLEMS)} đang đặt ra yêu cầu ${p(REQUIREMENTS)}.`,
    () => `Mỗi ${p(PERSONS)} hãy là một ${p(ROLES)}${p(PURPOSES)}.`,
    () => {
      const [subject, values] = p(FOUNDATIONS.slice(0, 2));
      return `${subject} không phải là ${p(MISCONCEPTIONS)}, mà là ${p(values)}.`;
    },
    () => `Vậy, ${p(ACTORS)} cần làm gì để ${p(GOALS)}?`,
  ];
  // The same sentence pattern twice in a row reads badly.
  let i = rng.int(0, templates.length - 1);
  if (i === last.template) i = (i + 1 + rng.int(0, templates.length - 2)) % templates.length;
  last.template = i;
  return capitalize(templates[i]!());
}

const words = (s: string) => s.split(/\s+/u).filter(Boolean).length;

export interface EssayOptions {
  /** Words in the whole text, signature included. */
  minWords: number;
  maxWords: number;
  /** Where the author writes from, as it appears in a sentence, e.g. "quận Phú Sơn". */
  place: string;
  /** Lines appended at the end, like the author's signature. */
  signature?: string;
  /** The title to use (see essayTitle); drawn from the seed when absent. */
  title?: string;
}

export interface Essay {
  title: string;
  abstract: string;
  /** The whole text as a file would hold it: title, sections, conclusion, signature. */
  text: string;
}

/** A title such as "Giữ vững trận địa tư tưởng trên không gian mạng – nhìn từ thực tiễn quận Phú Sơn". */
export function essayTitle(rng: Rng, place: string): string {
  const main = rng.pick(TITLES);
  if (main.includes("–") || rng.chance(0.5)) return main;
  return `${main} – ${rng.pick(SUBTITLES).replaceAll("{place}", place)}`;
}

export function essayAbstract(rng: Rng, place: string): string {
  const parts = [
    `Bài viết phân tích ${rng.pick(ABSTRACT_TOPICS)}, từ đó làm rõ ${rng.pick(ABSTRACT_CLARIFY)}.`,
    `Trên cơ sở thực tiễn tại ${rng.pick(LOCAL_PLACES).replaceAll("{place}", place)}, tác giả đề xuất ${rng.pick(["ba", "bốn", "năm"])} nhóm giải pháp nhằm ${rng.pick(GOALS)}.`,
  ];
  if (rng.chance(0.6)) parts.push(`Bài viết cũng chỉ ra và phản bác luận điệu cho rằng ${rng.pick(FALSE_CLAIMS)}.`);
  return parts.join(" ");
}

/** An essay of minWords..maxWords words (whitespace-separated tokens), the same for the same seed. */
export function vietnameseEssay(seed: number, options: EssayOptions): Essay {
  const rng = Rng.seeded(seed, "essay");
  const { place } = options;
  const signature = options.signature?.trim() ?? "";
  // Reserve room for the conclusion, the last sentence's overshoot and the signature.
  const reserve = 320 + words(signature);
  if (options.maxWords - reserve < options.minWords) throw new RangeError("maxWords is too close to minWords");
  const target = rng.int(options.minWords, options.maxWords - reserve);

  const drawn = essayTitle(rng, place);
  const title = options.title ?? drawn;
  const abstract = essayAbstract(rng, place);
  const headings = rng.shuffle(HEADINGS);
  const blocks: string[] = [title];
  let count = words(title);
  let paragraph: string[] = [];
  let sentencesLeft = rng.int(3, 5);
  let paragraphsLeft = 1; // the introduction, before the first heading
  let section = 0;
  const last = { template: -1 };

  const flush = () => {
    blocks.push(paragraph.join(" "));
    paragraph = [];
    sentencesLeft = rng.int(4, 7);
    if (--paragraphsLeft === 0) {
      const heading = `${++section}. ${headings[(section - 1) % headings.length]}`;
      blocks.push(heading);
      count += words(heading);
      paragraphsLeft = rng.int(2, 4);
    }
  };

  while (count < target) {
    const s = sentence(rng, place, last);
    paragraph.push(s);
    count += words(s);
    if (--sentencesLeft === 0 && count < target) flush();
  }
  if (paragraph.length) blocks.push(paragraph.join(" "));

  const [subject, values] = rng.pick(FOUNDATIONS);
  const conclusion = [`Tóm lại, ${lowerFirst(subject)} là ${rng.pick(values)}.`, ...rng.shuffle(CONCLUSIONS).slice(0, 2)];
  blocks.push(conclusion.join(" "));
  if (signature) blocks.push(signature);
  return { title, abstract, text: blocks.join("\n\n") };
}
